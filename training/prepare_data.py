"""Parse every BVH in the mocap folder into 3D body15 sequences at 30 fps (y up, cm).

Usage:
  /usr/bin/python3 training/prepare_data.py [--data ../shared/data/mocap] [--out training/cache]
        [--files a.bvh,b.bvh] [--limit N]

Writes one npz per file (pos: (T,15,3) float32, fps, take, split, label) and index.json.
Quirks handled (see ../shared/data/README.md): the manifest's fps column is the true rate
(salsa headers say 120 but are 60 fps); cmu_daz files begin with a T-pose on frame 0 (dropped);
salsa files n and n+15 are two partners of one take (same take id, same split side).
"""
import argparse
import csv
import json
import os
import re
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bvh import read_bvh, to_body15, resample  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "data", "mocap"))

# Whole takes held out for evaluation (~12% of frames, every rig and motion family).
TEST_TAKES = {
    "salsa_05", "salsa_12",                 # salsa takes (both partners each)
    "martial_09", "indian_13",
    "cc_002_07", "cc_005_13", "cc_006_15", "cc_007_12", "cc_001_14", "cc_005_19",
    "jaanga_16_31", "jaanga_13_32",
}


def take_id(relpath):
    folder, name = relpath.split("/")
    stem = name[:-4]
    m = re.match(r"salsa_(\d+)", stem)
    if m:
        n = int(m.group(1))
        if n > 15:
            n -= 15  # partner of take n
        return "salsa_%02d" % n
    if folder.startswith("cmu_cc_rig"):
        return "cc_" + stem
    if folder == "cmu_daz_jaanga":
        return "jaanga_" + stem
    return stem


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--out", default=os.path.join(HERE, "cache"))
    ap.add_argument("--files", default="", help="comma-separated manifest paths (subset)")
    ap.add_argument("--limit", type=int, default=0)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.data, "manifest.csv")) as f:
        rows = list(csv.DictReader(f))
    if a.files:
        keep = set(a.files.split(","))
        rows = [r for r in rows if r["file"] in keep]
    if a.limit:
        rows = rows[: a.limit]
    index = []
    for r in rows:
        rel = r["file"]
        src = os.path.join(a.data, rel)
        if not os.path.exists(src):
            print("missing", src)
            continue
        b = read_bvh(src)
        pos, rig = to_body15(b)
        # cmu_daz files start with a T-pose on frame 0 (the jaanga Daz files too, measured):
        # drop frame 0 of any file whose first step is a jump far above its typical motion.
        step = np.linalg.norm(pos[1:] - pos[:-1], axis=-1).mean(-1)
        if rel.startswith("cmu_daz") or step[0] > 4 * np.median(step) + 1.0:
            pos = pos[1:]
        fps = float(r["fps"])
        pos30 = resample(pos, fps, 30.0).astype(np.float32)
        tid = take_id(rel)
        split = "test" if tid in TEST_TAKES else "train"
        name = rel.replace("/", "__")[:-4]
        np.savez_compressed(os.path.join(a.out, name + ".npz"), pos=pos30, fps=30.0,
                            take=tid, split=split, label=r["label"], rig=rig)
        h = np.median(pos30[:, 0, 1] - np.minimum(pos30[:, 11, 1], pos30[:, 14, 1]))
        print("%-34s %-5s %-6s %5d frames@30  height~%.0f  %s" % (rel, rig, split, len(pos30), h, tid),
              flush=True)
        index.append({"file": name + ".npz", "source": rel, "take": tid, "split": split,
                      "frames": int(len(pos30)), "label": r["label"], "rig": rig})
    with open(os.path.join(a.out, "index.json"), "w") as f:
        json.dump(index, f, indent=1)
    ntr = sum(i["frames"] for i in index if i["split"] == "train")
    nte = sum(i["frames"] for i in index if i["split"] == "test")
    print("train frames %d, test frames %d" % (ntr, nte))


if __name__ == "__main__":
    main()
