#!/usr/bin/env bash
# Final evaluation + export of a checkpoint (what produced models/ and the README numbers):
#   bash training/finalize.sh [CKPT]
# Runs the clean and noisy evaluations and the real-footage renders in parallel, then
# exports models/retarget.{onnx,card.json,vectors.json} and checks them with onnxruntime-web.
# Real-footage tracks are read from $TRACKS (default /tmp/tracks/{squat,taiji,dance}.json,
# made with `npx toonmo detect CLIP -o TRACK.json --model lite`); missing ones are skipped.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY="${PYTHON:-/usr/bin/python3}"
CKPT="${1:-$HERE/checkpoints/last.pt}"
TRACKS="${TRACKS:-/tmp/tracks}"
W="$(mktemp -d)"
cd "$HERE/.."
cp "$CKPT" "$W/final.pt"
"$PY" training/export.py --ckpt "$W/final.pt" --results "$W/none.json" 2>&1 | grep -v -i warn | grep -v _C._jit
"$PY" training/evaluate.py --ckpt "$W/final.pt" --noise 0 --out "$W/clean.json" --md "$W/clean.md" > "$W/clean.log" 2>&1 &
P1=$!
"$PY" training/evaluate.py --ckpt "$W/final.pt" --noise 1 --out "$W/noisy.json" --md "$W/noisy.md" > "$W/noisy.log" 2>&1 &
P2=$!
for n in squat taiji dance; do
  if [ -f "$TRACKS/$n.json" ]; then
    "$PY" training/render_demo.py "$TRACKS/$n.json" "training/images/$n.png" --target chibi > "$W/render_$n.log" 2>&1 &
  fi
done
wait $P1 $P2
"$PY" - "$W" <<'PYEOF'
import json, sys
w = sys.argv[1]
c, n = json.load(open(f"{w}/clean.json")), json.load(open(f"{w}/noisy.json"))
# the product's root-depth switch is decided on the clean run only
c["runs"].update(n["runs"])
json.dump(c, open("training/results.json", "w"), indent=1)
open("training/results.md", "w").write(open(f"{w}/clean.md").read() + "\n" + open(f"{w}/noisy.md").read())
print("use_root_depth (clean):", c.get("use_root_depth"), " (noisy run would choose:", n.get("use_root_depth"), ")")
PYEOF
wait
"$PY" training/export.py --ckpt "$W/final.pt" 2>&1 | grep -v -i warn | grep -v _C._jit
cat training/results.md
node training/check_onnx_web.mjs || echo "onnxruntime-web check FAILED"
rm -rf "$W"
