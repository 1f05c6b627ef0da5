"""Export the trained lifter to ONNX, with its model card and test vectors.

  /usr/bin/python3 training/export.py [--ckpt training/checkpoints/last.pt] [--out models]
        [--results training/results.json] [--opset 13]

Writes OUT/retarget.onnx, OUT/retarget.card.json, OUT/retarget.vectors.json.
Checks the exported graph: dynamic batch and time axes, and (numpy re-implementation of the
few ops in the graph) outputs equal to PyTorch's within 1e-4 on the stored vectors.
"""
import argparse
import datetime
import json
import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reference_retarget as R  # noqa: E402
import synth  # noqa: E402
from model import Lifter, n_params  # noqa: E402
from onnx_numpy import run_onnx_numpy, fold_constants  # noqa: E402

VERSION = "1.0.0"
CMU_ACK = ("The data used in this project was obtained from mocap.cs.cmu.edu. "
           "The database was created with funding from NSF EIA-0196217.")


class Wrapper(torch.nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, input):  # noqa: A002
        return self.m(input)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ckpt", default=os.path.join(HERE, "checkpoints", "last.pt"))
    ap.add_argument("--out", default=os.path.normpath(os.path.join(HERE, "..", "models")))
    ap.add_argument("--cache", default=os.path.join(HERE, "cache"))
    ap.add_argument("--results", default=os.path.join(HERE, "results.json"))
    ap.add_argument("--opset", type=int, default=13)
    a = ap.parse_args()
    torch.set_num_threads(2)
    os.makedirs(a.out, exist_ok=True)
    ck = torch.load(a.ckpt, map_location="cpu")
    m = Lifter(**ck["config"])
    m.load_state_dict(ck["model"])
    m.eval()
    w = Wrapper(m)
    w.eval()
    onnx_path = os.path.join(a.out, "retarget.onnx")
    dummy = torch.zeros(1, R.IN_CH, 64)
    torch.onnx.export(w, (dummy,), onnx_path, opset_version=a.opset, input_names=["input"],
                      output_names=["output"], do_constant_folding=True,
                      dynamic_axes={"input": {0: "batch", 2: "time"}, "output": {0: "batch", 2: "time"}})
    w.eval()
    m.eval()   # export can leave modules in training mode: set eval again before using them

    import onnx
    mo = fold_constants(onnx.load(onnx_path))   # leaves Pad(edge) / Conv / LeakyRelu / Add
    onnx.checker.check_model(mo)
    onnx.save(mo, onnx_path)
    dims = [d.dim_param or d.dim_value for d in mo.graph.input[0].type.tensor_type.shape.dim]
    assert dims[0] == "batch" and dims[2] == "time", dims
    ops = sorted({n.op_type for n in mo.graph.node})

    # Stored vectors: realistic inputs (synthetic held-out clips, normalised), batch 1.
    mean, std = np.array(ck["norm_mean"]), np.array(ck["norm_std"])
    vectors = []
    rng = np.random.default_rng(5)
    try:
        seqs = synth.load_cache(a.cache, "test") or synth.load_cache(a.cache, "all")
    except FileNotFoundError:
        seqs = []
    for k, T in enumerate([32, 32, 48]):
        if seqs:
            s = seqs[k % len(seqs)]["pos"]
            win = s[:T] if s.shape[0] >= T else np.concatenate([s] + [s[-1:]] * (T - s.shape[0]))
            src = synth.render_source(rng, win, noise=1.0 if k == 1 else 0.0)
            pts = R.fill_missing(src["pts"], src["conf"])
            x = R.normalise(R.make_features(pts, src["conf"], R.clip_size(pts, src["conf"])), mean, std)
        else:
            x = rng.normal(0, 1, (1, R.IN_CH, T)).astype(np.float32)
        with torch.no_grad():
            y = m(torch.from_numpy(x)).numpy()
        yn = run_onnx_numpy(onnx_path, x)
        err = float(np.abs(yn - y).max())
        print("vector %d T=%d: max |onnx(numpy) - torch| = %.2e" % (k, T, err))
        assert err < 1e-4, err
        vectors.append({"name": "v%d_T%d" % (k, T), "input_shape": list(x.shape),
                        "output_shape": list(y.shape),
                        "input": np.round(x.astype(np.float64), 7).reshape(-1).tolist(),
                        "output": np.round(y.astype(np.float64), 7).reshape(-1).tolist()})
    with open(os.path.join(a.out, "retarget.vectors.json"), "w") as f:
        json.dump({"model": "retarget.onnx", "version": VERSION, "tolerance": 1e-4,
                   "layout": "row-major flattening of the [batch, channels, time] tensors",
                   "input_name": "input", "output_name": "output", "vectors": vectors}, f)

    metrics = None
    if os.path.exists(a.results):
        with open(a.results) as f:
            metrics = json.load(f)
    md_path = os.path.splitext(a.results)[0] + ".md"
    card = {
        "name": "toonmo-retarget-lifter",
        "version": VERSION,
        "created": datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "file": "retarget.onnx",
        "opset": a.opset,
        "parameters": n_params(m),
        "architecture": ("temporal 2D->3D lifting network (VideoPose3D-style): replicate-padded "
                         "dilated 1D convolutions, kernel 3, dilations 1,3,9,27, width %d, "
                         "BatchNorm folded, LeakyReLU 0.1, residual blocks; receptive field 81 "
                         "frames; output length = input length" % ck["config"]["c"]),
        "onnx_ops": ops,
        "training_steps": ck["step"],
        "training_minutes": round(ck["spent"] / 60, 1),
        "joints": R.JOINTS,
        "bones_parent_child": R.BONES,
        "frame_rate": "trained at 30 fps; resample other rates to 30 fps before the model",
        "inputs": [{"name": "input", "shape": ["batch", 47, "time"], "dtype": "float32",
                    "time": "any length >= 1; the app uses >= 16 (shorter clips are refused); "
                            "windows of 256 frames with hop 192, linear cross-fade in the overlap",
                    "channels": {
                        "0..29": "per joint j (body15 order) x then y of (p_j - p_mid_hip) / size, "
                                 "pixels, y down; channel 2j = x, 2j+1 = y",
                        "30..44": "1 if joint j was detected (confidence > 0) else 0 (filled)",
                        "45..46": "root velocity (p_mid_hip[t] - p_mid_hip[t-1]) / size; 0 at t=0",
                    },
                    "size": "sum over the 14 bones of the 90th percentile over the clip of the "
                            "bone's 2D length (frames where both ends are detected) / 2.4",
                    "normalisation": "x_c = (feature_c - mean[c]) / std[c]"}],
        "outputs": [{"name": "output", "shape": ["batch", 46, "time"], "dtype": "float32",
                     "channels": {
                         "0..44": "per joint j, (x, y, z) at 3j..3j+2: 3D camera-space position "
                                  "relative to mid_hip, in units of size (x right, y down, z away "
                                  "from the camera)",
                         "45": "root depth change z_root[t] - z_root[t-1], units of size "
                               "(ignore t = 0)"}}],
        "use_root_depth": bool(metrics.get("use_root_depth", False)) if metrics else False,
        "normalisation": {"mean": [round(float(v), 7) for v in mean],
                          "std": [round(float(v), 7) for v in std]},
        "preprocessing": [
            "body15 track at 30 fps (pixels, y down), confidence 0 = missing, null frame = all missing",
            "fill missing joints (reference_retarget.fill_missing): neck/mid_hip from the shoulder/"
            "hip midpoint, then per-joint linear interpolation in time, edge hold, never-seen "
            "joints at mid_hip",
            "size = clip_size(filled, conf); features = make_features(...); "
            "input = normalise(features, mean, std) transposed to [1, 47, T]",
        ],
        "postprocessing": [
            "joints3d = output[0:45] * size (pixels), root depth z = cumsum(output[45, 1:] * size)",
            "camera -> world: (x, -y, -z); per-frame unit bone directions from joints3d",
            "source facing yaw = atan2(sum fx, sum fz) of the per-frame unit forward vectors, "
            "forward = left x up, left = (l_shoulder - r_shoulder) + (l_hip - r_hip), horizontal",
            "rebuild the skeleton by FK from mid_hip with the target's bone lengths (2D lengths of "
            "SKEL's front-view rest pose)",
            "root path (x, y from the 2D track; z from the output only if use_root_depth, else 0) "
            "x target leg length / source leg length (median lifted 3D thigh+shin)",
            "rotate body and root path about the vertical axis by (target yaw - source yaw), "
            "project orthographically (drop z; world -> camera), add the source's first-frame "
            "mid_hip position",
            "view 'source' does not use the model: analytic retarget (each 2D bone keeps its "
            "direction and foreshortening and takes the target length)",
        ],
        "reference_implementation": "training/reference_retarget.py (numpy); contract: training/CONTRACT.md",
        "training_data": {
            "source": "CMU Graphics Lab Motion Capture Database via ../shared/data/mocap (111 BVH "
                      "files, ~28 min; Daz and iClone rigs), forward kinematics to body15 with a "
                      "synthetic nose, resampled to 30 fps",
            "split": "whole takes held out (both salsa partners of a take on the same side)",
            "held_out_takes": metrics["takes"] if metrics else None,
            "synthesis": "per-part bone scales (head 0.7-2.5x, legs 0.4-1.3x, arms 0.5-1.8x, "
                         "spine 0.6-1.5x, shoulder and hip widths 0.5-2x), random yaw, orthographic "
                         "projection, random pixel scale and position, mirroring, speed 0.7-1.4x, "
                         "random 96-frame crops, detector-like noise (jitter, drift, dropped "
                         "joints with confidence 0, missing frames, short left/right swaps)",
            "acknowledgement": CMU_ACK,
        },
        "metrics": metrics,
        "metrics_table_markdown": open(md_path).read() if os.path.exists(md_path) else None,
        "limitations": [
            "no skeleton or view encoders (Aberman-style): the target enters as bone lengths of "
            "its rest pose, the view as a rotation angle",
            "root depth motion: used only if use_root_depth is true (chosen by measurement on "
            "the held-out set); otherwise the root moves in the source image plane before the "
            "rotation, so walking toward the camera becomes walking in place after a view change",
            "the neck->nose bone takes the rest pose's 2D length as its 3D length; in profile "
            "views the (forward-pointing) head bone therefore looks long on big-headed targets",
            "orthographic camera, no camera pitch/roll in training; strong perspective or "
            "high/low cameras are out of distribution",
            "little running, sitting, kicking, falling or lying in the data",
            "front/back depth ambiguity of single limbs can flip a limb in a view change",
            "the clip-mean facing is used: a clip where the performer turns keeps its turn, "
            "rotated as a whole",
        ],
    }
    with open(os.path.join(a.out, "retarget.card.json"), "w") as f:
        json.dump(card, f, indent=1)
    print("wrote", onnx_path, "ops", ops, "params", n_params(m))


if __name__ == "__main__":
    main()
