"""Retarget a real detector track (from `toonmo detect`) and draw source vs. results.

  /usr/bin/python3 training/render_demo.py TRACK.json OUT.png [--target chibi] [--frames 6]
        [--model models/retarget.onnx] [--yaws 90,0]

Draws a strip of frames: the source skeleton (as detected) next to the same-view retarget
and the lifted retargets at the given yaws, on the target's proportions. Also prints
stability numbers: the spread of the output's 2D bone lengths (same-view and yaw runs) and
foot skating (output ankle speed while the source ankle is planted), in % of target height.
"""
import argparse
import json
import os
import sys

import numpy as np
from PIL import Image, ImageDraw

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reference_retarget as R  # noqa: E402
from evaluate import skel_json  # noqa: E402

COL = {"r": (220, 60, 60), "l": (60, 90, 220), "c": (40, 40, 40)}
BONE_SIDE = ["c", "c", "r", "r", "r", "l", "l", "l", "r", "r", "r", "l", "l", "l"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("track")
    ap.add_argument("out")
    ap.add_argument("--target", default="chibi")
    ap.add_argument("--frames", type=int, default=6)
    ap.add_argument("--yaws", default="90,0")
    ap.add_argument("--model", default=os.path.normpath(os.path.join(HERE, "..", "models", "retarget.onnx")))
    a = ap.parse_args()
    src = json.load(open(a.track))
    skel = skel_json(a.target)
    card = json.load(open(a.model[:-5] + ".card.json"))
    norm = {"mean": np.array(card["normalisation"]["mean"]), "std": np.array(card["normalisation"]["std"]),
            "use_root_depth": bool(card.get("use_root_depth", False))}
    model = R.onnx_model(a.model)
    rest = R.validate_skel(skel)
    H = R.rest_height(rest)
    pts, conf, null = R.track_to_arrays(src)
    fps = float(src.get("fps") or 30)
    outs = {"same view": R.retarget_arrays(pts, conf, rest, "source", fps=fps)}
    for y in [float(v) for v in a.yaws.split(",") if v]:
        outs["yaw %g" % y] = R.retarget_arrays(pts, conf, rest, y, model, norm, fps=fps)
    filled = R.fill_missing(pts, conf)
    # Stability numbers.
    stats = {}
    sa = np.linalg.norm(filled[1:, [11, 14]] - filled[:-1, [11, 14]], axis=-1)
    src_h = R.chain_height(R.bone_lengths_2d(filled, conf))
    planted = sa < 0.004 * src_h * (30.0 / fps)
    for k, o in outs.items():
        L = np.linalg.norm(o[:, R.BC] - o[:, R.BP], axis=-1)[~null]
        oa = np.linalg.norm(o[1:, [11, 14]] - o[:-1, [11, 14]], axis=-1)
        rp = o[:, R.ROOT] - o[0, R.ROOT]
        stats[k] = {"root_path_extent_pct_height": float(np.abs(rp[~null]).max() / H * 100),
                    "bone_len_cv_pct": float((L.std(0) / (L.mean(0) + 1e-9)).mean() * 100),
                    "planted_ankle_speed_pct_height_per_frame": float(oa[planted].mean() / H * 100) if planted.any() else None,
                    "planted_fraction": float(planted.mean())}
    print(json.dumps(stats, indent=1))
    # Drawing: one row per frame sample, columns = source + outputs.
    T = pts.shape[0]
    idx = [t for t in np.linspace(0, T - 1, a.frames).astype(int)]
    cols = [("source (detected)", filled, conf)] + [(k, v, None) for k, v in outs.items()]
    cw, rh = 220, 260
    img = Image.new("RGB", (cw * len(cols), rh * len(idx) + 24), (250, 250, 248))
    d = ImageDraw.Draw(img)
    for c, (name, seq, cf) in enumerate(cols):
        d.text((c * cw + 6, 4), name, fill=(0, 0, 0))
        # Each skeleton is drawn centred on its own mid_hip (poses, not the root path),
        # at one scale per column.
        valid = ~null
        rel = (seq - seq[:, R.ROOT:R.ROOT + 1])[valid].reshape(-1, 2)
        lo, hi = np.percentile(rel, 0.5, axis=0), np.percentile(rel, 99.5, axis=0)
        span = max(hi[0] - lo[0], hi[1] - lo[1], 1e-6)
        s = min(cw - 20, rh - 20) / span
        for r, t in enumerate(idx):
            ox, oy = c * cw + 10, 24 + r * rh + 10
            d.rectangle([c * cw + 2, 24 + r * rh + 2, c * cw + cw - 2, 24 + r * rh + rh - 2], outline=(200, 200, 200))
            if null[t]:
                d.text((ox, oy), "no person", fill=(150, 0, 0))
                continue
            P = (seq[t] - seq[t, R.ROOT] - lo) * s + [ox, oy]
            for b, (pa, ch) in enumerate(R.BONES):
                miss = cf is not None and (cf[t, pa] == 0 or cf[t, ch] == 0)
                d.line([tuple(P[pa]), tuple(P[ch])], fill=(180, 180, 180) if miss else COL[BONE_SIDE[b]], width=3)
            d.ellipse([P[0][0] - 5, P[0][1] - 5, P[0][0] + 5, P[0][1] + 5], outline=(0, 0, 0))
            if c == 0:
                d.text((ox, oy + rh - 34), "t=%.2fs" % (t / fps), fill=(90, 90, 90))
    img.save(a.out)
    with open(os.path.splitext(a.out)[0] + ".stats.json", "w") as f:
        json.dump(stats, f, indent=1)
    print("wrote", a.out)


if __name__ == "__main__":
    main()
