"""Write example files for the CLI contract: a synthetic source track (a held-out mocap segment
projected with detector-like noise, one null frame, some missing joints) and the three
target skeletons used by the evaluation.

  /usr/bin/python3 training/make_examples.py OUTDIR [--cache training/cache] [--frames 90]
Writes OUTDIR/src_track.json, OUTDIR/skel_{chibi,lanky,stout}.json
"""
import argparse
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reference_retarget as R  # noqa: E402
import synth  # noqa: E402
from evaluate import TARGETS, skel_json  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--cache", default=os.path.join(HERE, "cache"))
    ap.add_argument("--frames", type=int, default=90)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    seqs = synth.load_cache(a.cache, "test") or synth.load_cache(a.cache, "all")
    rng = np.random.default_rng(3)
    pos = seqs[0]["pos"][: a.frames]
    src = synth.render_source(rng, pos, noise=1.0, px_height=400)
    frames = []
    for t in range(pos.shape[0]):
        if t == 5:
            frames.append({"time": t / 30.0, "points": None})
            continue
        frames.append({"time": t / 30.0, "points": [[round(float(src["pts"][t, j, 0]), 2),
                                                     round(float(src["pts"][t, j, 1]), 2),
                                                     round(float(src["conf"][t, j]), 3)]
                                                    for j in range(R.J)]})
    track = {"format": "toonmo.track", "version": 1, "fps": 30, "width": 1280, "height": 720,
             "skeleton": "body15", "joints": R.JOINTS, "frames": frames}
    with open(os.path.join(a.out, "src_track.json"), "w") as f:
        json.dump(track, f)
    for name in TARGETS:
        with open(os.path.join(a.out, "skel_%s.json" % name), "w") as f:
            json.dump(skel_json(name), f)
    print("wrote", a.out)


if __name__ == "__main__":
    main()
