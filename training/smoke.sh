#!/usr/bin/env bash
# Smoke test of the whole training pipeline on a tiny subset (3 BVH files, ~100 steps).
# Writes only to a temporary directory (never to models/). Exits non-zero on any failure.
# Takes about 1-2 minutes on 2 CPU cores. Usage: bash training/smoke.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY="${PYTHON:-/usr/bin/python3}"
DATA="${TOONMO_MOCAP:-$HERE/../../shared/data/mocap}"
if [ ! -f "$DATA/manifest.csv" ]; then
  echo "SKIPPED: mocap data not found at $DATA (set TOONMO_MOCAP)"; exit 0
fi
if ! "$PY" -c "import torch, numpy, onnx" 2>/dev/null; then
  echo "FAIL: $PY needs torch, numpy and onnx (Debian: python3-torch python3-numpy python3-onnx)"; exit 1
fi
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
export OMP_NUM_THREADS=2
cd "$HERE"
echo "== prepare (3 files)"
"$PY" prepare_data.py --data "$DATA" --out "$TMP/cache" \
  --files cmu_cc_rig/002_01.bvh,cmu_daz_jaanga/16_36.bvh,cmu_cc_rig/007_12.bvh
echo "== train (100 steps)"
"$PY" train.py --cache "$TMP/cache" --out "$TMP/ckpt" --steps 60 --batch 8 --T 48 --width 64 --minutes 2 --ckpt-min 0.1
echo "== resume (+40 steps)"
"$PY" train.py --cache "$TMP/cache" --out "$TMP/ckpt" --steps 100 --batch 8 --T 48 --width 64 --minutes 2 --resume
echo "== evaluate"
"$PY" evaluate.py --ckpt "$TMP/ckpt/last.pt" --cache "$TMP/cache" --max-segments 2 --noise 0 \
  --out "$TMP/results.json" --md "$TMP/results.md"
echo "== export"
"$PY" export.py --ckpt "$TMP/ckpt/last.pt" --cache "$TMP/cache" --out "$TMP/models" --results "$TMP/results.json"
for f in retarget.onnx retarget.card.json retarget.vectors.json; do
  test -s "$TMP/models/$f" || { echo "FAIL: missing $f"; exit 1; }
done
echo "== reference retarget CLI (same view and yaw 90)"
"$PY" make_examples.py "$TMP/ex" --cache "$TMP/cache" --frames 40
"$PY" reference_retarget.py "$TMP/ex/src_track.json" --target "$TMP/ex/skel_chibi.json" --view source -o "$TMP/out_src.json"
"$PY" reference_retarget.py "$TMP/ex/src_track.json" --target "$TMP/ex/skel_chibi.json" --view 90 \
  --model "$TMP/models/retarget.onnx" -o "$TMP/out_90.json"
"$PY" - "$TMP" <<'EOF'
import json, sys, math
d = sys.argv[1]
for n in ("out_src.json", "out_90.json"):
    t = json.load(open(f"{d}/{n}"))
    assert t["format"] == "toonmo.track" and t["skeleton"] == "body15", n
    fr = [f for f in t["frames"] if f["points"] is not None]
    assert len(fr) == len(t["frames"]) - 1, "null frame must stay null"
    assert all(math.isfinite(v) for f in fr for p in f["points"] for v in p), n
# malformed SKEL must give a clear error
sys.path.insert(0, ".")
import reference_retarget as R
try:
    R.retarget(json.load(open(f"{d}/ex/src_track.json")), {"format": "toonmo.skeleton", "joints": []}, "source")
    raise SystemExit("FAIL: malformed SKEL accepted")
except ValueError as e:
    print("malformed SKEL ->", e)
print("outputs OK")
EOF
echo "SMOKE OK"
