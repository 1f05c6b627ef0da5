"""Reference end-to-end 2D retargeting, in numpy only. THIS IS THE SPEC that src/core/retarget
ports line by line (see training/CONTRACT.md). Training and evaluation import the same
functions, so what the model was trained on is exactly what the app must compute.

    retarget(src_track, skel, view, model) -> out_track

src_track : {"format":"toonmo.track","version":1,"fps":F,"width":W,"height":H,
             "skeleton":"body15","joints":[...15 names...],
             "frames":[{"time":s,"points":[[x,y,c],...15] or null}, ...]}
             pixels, origin top-left, y DOWN. c = confidence, 0 = missing.
skel      : {"format":"toonmo.skeleton","version":1,"joints":[15 names],"rest":[[x,y],...]}
             the target's front-view rest pose in pixels (2D lengths = true lengths).
view      : "source" (keep the source's view: analytic path, no network) or a yaw in degrees
             (0 = performer faces the camera, 90 = profile facing screen-right,
             180 = back, -90 = profile facing screen-left): lifting path, uses the ONNX model.
model     : a callable f(x: float32[1, 47, T]) -> float32[1, 46, T] (onnxruntime session or
             the PyTorch module); only needed for a numeric view.

Coordinate frames used below
  image / camera : x right, y down (pixels); z = depth, away from the camera (right-handed).
  world          : x = camera x, y UP (= -camera y), z = -camera z (toward the camera).
                   yaw of a forward vector f (world) = atan2(f.x, f.z) in degrees, so a performer
                   facing the camera has yaw 0 and one facing screen-right has yaw 90.
"""
import numpy as np

JOINTS = [
    "nose", "neck", "right_shoulder", "right_elbow", "right_wrist",
    "left_shoulder", "left_elbow", "left_wrist", "mid_hip",
    "right_hip", "right_knee", "right_ankle", "left_hip", "left_knee", "left_ankle",
]
J = 15
ROOT = 8  # mid_hip
# Bones (parent, child), parent before child: FK walks this list in order.
BONES = [(8, 1), (1, 0), (1, 2), (2, 3), (3, 4), (1, 5), (5, 6), (6, 7),
         (8, 9), (9, 10), (10, 11), (8, 12), (12, 13), (13, 14)]
NB = 14
BP = np.array([b[0] for b in BONES])
BC = np.array([b[1] for b in BONES])
LEG_BONES = [9, 10, 12, 13]        # thighs and shins (both sides)
IN_CH = J * 3 + 2                  # 47 model input channels per frame
OUT_CH = J * 3 + 1                 # 46 model output channels per frame
SIZE_DIV = 2.4                     # sum of the 14 bone lengths of a human ~= 2.4 x height
MIN_T = 16


# ----------------------------------------------------------------------------------------
# 1. Reading and cleaning the source track
# ----------------------------------------------------------------------------------------
def track_to_arrays(track):
    """-> pts (T,15,2) float64, conf (T,15) float64, null (T,) bool. Missing = conf 0."""
    if not isinstance(track, dict) or track.get("format") != "toonmo.track":
        raise ValueError("SRC is not a toonmo.track")
    if track.get("skeleton") != "body15" or list(track.get("joints", [])) != JOINTS:
        raise ValueError("SRC must use the body15 skeleton in the exact joint order")
    frames = track.get("frames")
    if not isinstance(frames, list) or len(frames) == 0:
        raise ValueError("SRC has no frames")
    T = len(frames)
    pts = np.zeros((T, J, 2))
    conf = np.zeros((T, J))
    null = np.zeros(T, bool)
    for t, fr in enumerate(frames):
        p = fr.get("points") if isinstance(fr, dict) else None
        if p is None:
            null[t] = True
            continue
        a = np.asarray(p, dtype=np.float64)
        if a.shape != (J, 3):
            raise ValueError("SRC frame %d: points must be 15 x [x, y, confidence]" % t)
        a = np.where(np.isfinite(a), a, 0.0)
        pts[t] = a[:, :2]
        conf[t] = np.clip(a[:, 2], 0.0, 1.0)
    return pts, conf, null


def fill_missing(pts, conf):
    """Fill joints with confidence 0 so every frame is complete. pts (T,15,2), conf (T,15).

    1) neck / mid_hip missing but both shoulders / hips present -> their midpoint.
    2) every joint: linear interpolation over time between its valid frames, held constant
       before the first and after the last valid frame.
    3) a joint never valid in the clip: placed at mid_hip (or, if mid_hip never valid, at the
       per-frame mean of the valid joints, else 0).
    The confidence stays 0 for filled values (the network sees that they are guesses).
    """
    pts = pts.copy()
    valid = conf > 0
    for mid, a, b in ((1, 2, 5), (8, 9, 12)):
        m = ~valid[:, mid] & valid[:, a] & valid[:, b]
        pts[m, mid] = 0.5 * (pts[m, a] + pts[m, b])
        valid[m, mid] = True
    T = pts.shape[0]
    t = np.arange(T)
    never = []
    for j in range(J):
        v = valid[:, j]
        if v.all():
            continue
        if not v.any():
            never.append(j)
            continue
        for d in range(2):
            pts[:, j, d] = np.interp(t, t[v], pts[v, j, d])
    if never:
        if ROOT in never:
            anyv = valid.any(1)
            cnt = np.maximum(valid.sum(1, keepdims=True), 1)
            centre = (pts * valid[..., None]).sum(1) / cnt
            if anyv.any():
                for d in range(2):
                    centre[:, d] = np.interp(t, t[anyv], centre[anyv, d])
            pts[:, ROOT] = centre
        for j in never:
            if j != ROOT:
                pts[:, j] = pts[:, ROOT]
    return pts


# ----------------------------------------------------------------------------------------
# 2. Clip statistics: bone lengths and size
# ----------------------------------------------------------------------------------------
def bone_lengths_2d(pts, conf, q=90.0):
    """Robust 2D length of each bone over the clip: the q-th percentile of its per-frame length
    over frames where both ends are detected (high percentile: a bone is foreshortened in
    most frames but near full length in some). Falls back to all frames."""
    L = np.linalg.norm(pts[:, BC] - pts[:, BP], axis=-1)           # (T,14)
    ok = (conf[:, BC] > 0) & (conf[:, BP] > 0)
    out = np.zeros(NB)
    for b in range(NB):
        v = L[ok[:, b], b] if ok[:, b].sum() >= 3 else L[:, b]
        out[b] = np.percentile(v, q) if v.size else 0.0
    return out


def clip_size(pts, conf):
    """Approximate body height of the source in pixels: sum of robust bone lengths / 2.4."""
    s = bone_lengths_2d(pts, conf).sum() / SIZE_DIV
    return max(s, 1e-3)


def rest_bone_lengths(rest):
    rest = np.asarray(rest, dtype=np.float64)
    return np.linalg.norm(rest[BC] - rest[BP], axis=-1)


def rest_height(rest):
    rest = np.asarray(rest, dtype=np.float64)
    return float(rest[:, 1].max() - rest[:, 1].min())


def chain_height(L):
    """Standing height implied by bone lengths: head + spine + longer leg (thigh + shin)."""
    return L[1] + L[0] + max(L[9] + L[10], L[12] + L[13])


def leg_length(L):
    return 0.5 * (L[9] + L[10] + L[12] + L[13])


# ----------------------------------------------------------------------------------------
# 3. Model input (features) — identical in training and in the app
# ----------------------------------------------------------------------------------------
def make_features(pts, conf, size):
    """pts: filled (T,15,2) pixels, conf (T,15), size: clip_size. -> raw features (T,47):
       [ (x_j - x_root)/size, (y_j - y_root)/size for j in 0..14 (j-major: x0,y0,x1,y1,...),
         conf_j > 0 ? 1 : 0 for j in 0..14,
         (x_root[t] - x_root[t-1])/size, (y_root[t] - y_root[t-1])/size   (0 at t = 0) ]"""
    T = pts.shape[0]
    rel = (pts - pts[:, ROOT:ROOT + 1]) / size
    vel = np.zeros((T, 2))
    vel[1:] = (pts[1:, ROOT] - pts[:-1, ROOT]) / size
    vis = (conf > 0).astype(np.float64)
    return np.concatenate([rel.reshape(T, J * 2), vis, vel], axis=1)


def normalise(feat, mean, std):
    """(T,47) -> model input (1,47,T) float32: (feat - mean) / std, channels first."""
    x = (feat - np.asarray(mean)) / np.asarray(std)
    return x.T[None].astype(np.float32)


def split_output(y, size):
    """Model output (1,46,T) -> joints3d (T,15,3) camera coords root-relative in pixels,
    root_dz (T,) per-frame root depth change in pixels (dz[0] is ignored)."""
    y = np.asarray(y, dtype=np.float64)[0].T                   # (T,46)
    j3 = y[:, :J * 3].reshape(-1, J, 3) * size
    dz = y[:, J * 3] * size
    return j3, dz


def run_model_windows(model, x, win=256, hop=192):
    """Run the model on long inputs in overlapping windows, blended with linear ramps.
    x: (1,47,T), T >= MIN_T. Windows are `win` frames; the last one is aligned to the end."""
    T = x.shape[2]
    if T <= win:
        return np.asarray(model(x), dtype=np.float64)
    out = np.zeros((1, OUT_CH, T))
    wsum = np.zeros(T)
    starts = list(range(0, T - win + 1, hop))
    if starts[-1] != T - win:
        starts.append(T - win)
    ramp = np.ones(win)
    ov = win - hop
    ramp[:ov] = np.linspace(0.0, 1.0, ov + 2)[1:-1]
    ramp[-ov:] = np.linspace(1.0, 0.0, ov + 2)[1:-1]
    for k, s0 in enumerate(starts):
        w = ramp.copy()
        if k == 0:
            w[:ov] = 1.0
        if k == len(starts) - 1:
            w[-ov:] = 1.0
        y = np.asarray(model(x[:, :, s0:s0 + win]), dtype=np.float64)
        out[:, :, s0:s0 + win] += y * w
        wsum[s0:s0 + win] += w
    return out / wsum


# ----------------------------------------------------------------------------------------
# 4. Geometry helpers
# ----------------------------------------------------------------------------------------
def cam_to_world(p):
    """camera (x right, y down, z away) -> world (x right, y up, z toward camera)."""
    return p * np.array([1.0, -1.0, -1.0])


world_to_cam = cam_to_world  # the same flip, its own inverse


def facing_yaw(world_joints):
    """Clip-mean facing yaw (degrees) of a (T,15,3) world-frame sequence (y up).
    Per frame: left = (l_shoulder - r_shoulder) + (l_hip - r_hip), forward = left x up,
    horizontal part normalised; the yaw is atan2 of the sum of the unit forward vectors."""
    left = (world_joints[:, 5] - world_joints[:, 2]) + (world_joints[:, 12] - world_joints[:, 9])
    fx, fz = -left[:, 2], left[:, 0]                      # left x (0,1,0)
    n = np.sqrt(fx ** 2 + fz ** 2) + 1e-9
    return float(np.degrees(np.arctan2((fx / n).sum(), (fz / n).sum())))


def rotate_yaw(world_pts, deg):
    """Rotate world points about the vertical (y) axis so that a yaw a becomes a + deg."""
    a = np.radians(deg)
    c, s = np.cos(a), np.sin(a)
    x, y, z = world_pts[..., 0], world_pts[..., 1], world_pts[..., 2]
    return np.stack([x * c + z * s, y, -x * s + z * c], axis=-1)


def fk(root, unit_dirs, lengths):
    """root (T,D), unit_dirs (T,14,D), lengths (14,) -> (T,15,D)."""
    out = np.zeros((unit_dirs.shape[0], J, unit_dirs.shape[2]))
    out[:, ROOT] = root
    for b, (pa, ch) in enumerate(BONES):
        out[:, ch] = out[:, pa] + unit_dirs[:, b] * lengths[b]
    return out


def unit(v, eps=1e-9):
    return v / (np.linalg.norm(v, axis=-1, keepdims=True) + eps)


# ----------------------------------------------------------------------------------------
# 5. The two paths
# ----------------------------------------------------------------------------------------
def lifted_bone_lengths(j3):
    """Per-bone median 3D length of a lifted sequence (T,15,3), in pixels."""
    return np.median(np.linalg.norm(j3[:, BC] - j3[:, BP], axis=-1), axis=0)


def analytic_same_view(pts, conf, rest, src_lengths=None):
    """Same-view retarget: each 2D bone keeps its direction and its foreshortening ratio and
    takes the target's length: v_out = v_src * L_target / L_source, L_source = robust 2D
    length over the clip. Root path scaled by the leg-length ratio.
    Returns (T,15,2) relative to the source's first-frame mid_hip (frame 0 root at 0)."""
    Ls = np.maximum(bone_lengths_2d(pts, conf), 1e-6)
    if src_lengths is not None:
        # A bone that stays foreshortened all clip long (shoulders in a profile view) has a
        # short 2D percentile; the lifted 3D length corrects it (never makes a bone shorter).
        Ls = np.maximum(Ls, src_lengths)
    Lt = rest_bone_lengths(rest)
    vec = pts[:, BC] - pts[:, BP]
    ratio = (Lt / Ls)[None, :, None]
    # A bone can never be longer than the target's length (guards a bad length estimate).
    vec_out = vec * ratio
    n = np.linalg.norm(vec_out, axis=-1, keepdims=True)
    vec_out = np.where(n > Lt[None, :, None], vec_out / np.maximum(n, 1e-9) * Lt[None, :, None], vec_out)
    root = (pts[:, ROOT] - pts[0, ROOT]) * (leg_length(Lt) / max(leg_length(Ls), 1e-6))
    out = np.zeros((pts.shape[0], J, 2))
    out[:, ROOT] = root
    for b, (pa, ch) in enumerate(BONES):
        out[:, ch] = out[:, pa] + vec_out[:, b]
    return out


def identity_baseline(pts, conf, rest):
    """Baseline: the source scaled uniformly to the target's height (no other change)."""
    Ls = bone_lengths_2d(pts, conf)
    k = chain_height(rest_bone_lengths(rest)) / max(chain_height(Ls), 1e-6)
    return (pts - pts[0, ROOT]) * k


def lift(pts, conf, model, norm_mean, norm_std):
    """Run the lifting network. Returns joints3d (T,15,3) camera coords relative to mid_hip,
    in source pixels, and the root's camera-space path (T,3) in source pixels (frame 0 = 0)."""
    size = clip_size(pts, conf)
    x = normalise(make_features(pts, conf, size), norm_mean, norm_std)
    y = run_model_windows(model, x)
    j3, dz = split_output(y, size)
    root = np.zeros((pts.shape[0], 3))
    root[:, :2] = pts[:, ROOT] - pts[0, ROOT]
    dz = dz.copy()
    dz[0] = 0.0
    root[:, 2] = np.cumsum(dz)
    return j3, root


def lifted_to_view(j3, root, rest, yaw_deg, use_root_depth=False):
    """Rescale the lifted skeleton to the target's bone lengths, rotate about the vertical axis
    from the estimated source facing to yaw_deg, project orthographically.
    use_root_depth: take the root's depth motion from the network (output channel 45); when
    False (card "use_root_depth": false, the measured better choice for model 1.0) the root
    moves only in the source image plane before the rotation.
    Returns (T,15,2) target pixels relative to the start position (frame 0 root at 0)."""
    if not use_root_depth:
        root = root.copy()
        root[:, 2] = 0.0
    Lt = rest_bone_lengths(rest)
    wj = cam_to_world(j3)
    dirs = unit(wj[:, BC] - wj[:, BP])                      # 3D unit bone directions
    src_yaw = facing_yaw(wj)
    # Source leg length in pixels from the lifted 3D (median over the clip).
    Ls3 = np.median(np.linalg.norm(wj[:, BC] - wj[:, BP], axis=-1), axis=0)
    k_root = leg_length(Lt) / max(leg_length(Ls3), 1e-6)
    wroot = cam_to_world(root) * k_root
    body = fk(np.zeros((j3.shape[0], 3)), dirs, Lt)         # root-relative, target lengths
    d = yaw_deg - src_yaw
    world = rotate_yaw(body, d) + rotate_yaw(wroot, d)[:, None, :]
    cam = world_to_cam(world)
    return cam[..., :2]


# ----------------------------------------------------------------------------------------
# 6. End to end
# ----------------------------------------------------------------------------------------
def validate_skel(skel):
    if not isinstance(skel, dict) or skel.get("format") != "toonmo.skeleton":
        raise ValueError("SKEL is not a toonmo.skeleton")
    if list(skel.get("joints", [])) != JOINTS:
        raise ValueError("SKEL joints must be the 15 body15 names in order")
    rest = np.asarray(skel.get("rest"), dtype=np.float64)
    if rest.shape != (J, 2) or not np.isfinite(rest).all():
        raise ValueError("SKEL rest must be 15 finite [x, y] pairs")
    if (rest_bone_lengths(rest) <= 0).any():
        raise ValueError("SKEL rest pose has a zero-length bone")
    return rest


def resample_time(a, n_out, ratio):
    """Linear resampling along axis 0: output frame i samples input time i * ratio."""
    t = np.arange(n_out) * ratio
    i0 = np.clip(np.floor(t).astype(int), 0, a.shape[0] - 1)
    i1 = np.clip(i0 + 1, 0, a.shape[0] - 1)
    w = (t - i0).reshape((-1,) + (1,) * (a.ndim - 1))
    return (1 - w) * a[i0] + w * a[i1]


def retarget_arrays(pts, conf, rest, view, model=None, norm=None, fps=30.0):
    """Core on arrays: pts (T,15,2) conf (T,15) -> (T,15,2) target pixels, absolute.
    norm = {"mean": [47], "std": [47], "use_root_depth": bool} from the model card."""
    filled = fill_missing(pts, conf)
    if view == "source":
        rel = analytic_same_view(filled, conf, rest)
    else:
        T = filled.shape[0]
        if abs(fps - 30.0) > 1e-3:
            # The network was trained at 30 fps: resample in, lift, resample back.
            n30 = int(np.floor((T - 1) * 30.0 / fps)) + 1
            p30 = resample_time(filled, n30, fps / 30.0)
            c30 = resample_time((conf > 0).astype(np.float64), n30, fps / 30.0)
            c30 = (c30 >= 0.5).astype(np.float64)
            j3, root = lift(p30, c30, model, norm["mean"], norm["std"])
            j3 = resample_time(j3, T, 30.0 / fps)
            root = resample_time(root, T, 30.0 / fps)
        else:
            j3, root = lift(filled, conf, model, norm["mean"], norm["std"])
        rel = lifted_to_view(j3, root, rest, float(view), bool(norm.get("use_root_depth", False)))
    return rel + filled[0, ROOT]   # mid_hip starts where the source's mid_hip starts


def retarget(src_track, skel, view, model=None, norm=None):
    """Track in -> track out (see module docstring). norm = {"mean": [47], "std": [47],
    "use_root_depth": bool} from models/retarget.card.json. Frames where SRC had no person stay null."""
    rest = validate_skel(skel)
    pts, conf, null = track_to_arrays(src_track)
    if (~null).sum() == 0 or (conf > 0).sum() == 0:
        raise ValueError("SRC has no detected person in any frame")
    if view != "source":
        view = float(view)
        if pts.shape[0] < MIN_T:
            raise ValueError("SRC is too short for a view change: %d frames, at least %d needed"
                             % (pts.shape[0], MIN_T))
    fps = float(src_track.get("fps") or 30.0)
    out = retarget_arrays(pts, conf, rest, view, model, norm, fps)
    frames = []
    for t, fr in enumerate(src_track["frames"]):
        if null[t]:
            frames.append({"time": fr.get("time", t / src_track.get("fps", 30)), "points": None})
            continue
        frames.append({"time": fr.get("time", t / src_track.get("fps", 30)),
                       "points": [[float(out[t, j, 0]), float(out[t, j, 1]), 1.0] for j in range(J)]})
    return {"format": "toonmo.track", "version": 1, "fps": src_track.get("fps", 30),
            "width": src_track.get("width"), "height": src_track.get("height"),
            "skeleton": "body15", "joints": JOINTS, "frames": frames}


# ----------------------------------------------------------------------------------------
# 7. Command line (mirrors `toonmo retarget SRC.json --target SKEL.json --view source|DEG -o OUT`)
# ----------------------------------------------------------------------------------------
def onnx_model(path):
    """A model callable backed by the numpy ONNX runner (training/onnx_numpy.py)."""
    import onnx
    from onnx_numpy import run_onnx_numpy
    graph = onnx.load(path)
    return lambda x: run_onnx_numpy(graph, x)


def main(argv=None):
    import argparse
    import json
    import os
    here = os.path.dirname(os.path.abspath(__file__))
    models = os.path.normpath(os.path.join(here, "..", "models"))
    ap = argparse.ArgumentParser(description="reference 2D retarget (numpy)")
    ap.add_argument("src")
    ap.add_argument("--target", required=True)
    ap.add_argument("--view", default="source")
    ap.add_argument("-o", "--out", required=True)
    ap.add_argument("--model", default=os.path.join(models, "retarget.onnx"))
    ap.add_argument("--card", default=None, help="default: MODEL with .card.json")
    a = ap.parse_args(argv)
    with open(a.src) as f:
        src = json.load(f)
    with open(a.target) as f:
        skel = json.load(f)
    model = norm = None
    if a.view != "source":
        card = a.card or a.model[:-len(".onnx")] + ".card.json"
        with open(card) as f:
            c = json.load(f)
        norm = {"mean": np.array(c["normalisation"]["mean"]), "std": np.array(c["normalisation"]["std"]),
                "use_root_depth": bool(c.get("use_root_depth", False))}
        model = onnx_model(a.model)
    out = retarget(src, skel, a.view, model, norm)
    with open(a.out, "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
