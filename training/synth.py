"""Synthetic paired data: 3D mocap (body15, y up) -> random cartoon-proportioned skeleton,
random yaw, orthographic projection to pixels with detector-like noise, plus the 3D targets.

Everything the network sees goes through reference_retarget.fill_missing / clip_size /
make_features, the same code the app runs.
"""
import glob
import json
import os

import numpy as np

import reference_retarget as R

BC, BP = R.BC, R.BP
FLIP = [0, 1, 5, 6, 7, 2, 3, 4, 8, 12, 13, 14, 9, 10, 11]

# Per body part scale ranges (log-uniform), spanning human and cartoon proportions.
PART_RANGES = {
    "spine": ([0], 0.6, 1.5),
    "head": ([1], 0.7, 2.5),
    "shoulder": ([2, 5], 0.5, 1.8),
    "upper_arm": ([3, 6], 0.5, 1.8),
    "forearm": ([4, 7], 0.5, 1.8),
    "hip": ([8, 11], 0.5, 2.0),
    "thigh": ([9, 12], 0.4, 1.3),
    "shin": ([10, 13], 0.4, 1.3),
}


def load_cache(cache_dir, split):
    with open(os.path.join(cache_dir, "index.json")) as f:
        index = json.load(f)
    seqs = []
    for it in index:
        if split != "all" and it["split"] != split:
            continue
        d = np.load(os.path.join(cache_dir, it["file"]))
        seqs.append({"pos": d["pos"].astype(np.float64), "take": it["take"], "label": it["label"],
                     "source": it["source"]})
    return seqs


def random_scales(rng, strength=1.0):
    """14 bone scale factors. Arms/legs of one part share a factor (symmetric characters)
    with a little per-side variation. strength 0 -> all ones."""
    s = np.ones(R.NB)
    for bones, lo, hi in PART_RANGES.values():
        f = np.exp(rng.uniform(np.log(lo), np.log(hi)) * strength)
        for b in bones:
            s[b] = f * np.exp(rng.normal(0, 0.03) * strength)
    # neck stays the midpoint of the shoulders and mid_hip of the hips
    s[5] = s[2]
    s[11] = s[8]
    return s


def rescale_world(pos, scales):
    """pos (T,15,3) world -> same motion on a skeleton with scaled bones: per-frame unit bone
    directions x (median original length x scale); root path scaled by the leg-length ratio."""
    vec = pos[:, BC] - pos[:, BP]
    L = np.linalg.norm(vec, axis=-1)
    Lmed = np.median(L, axis=0)
    dirs = vec / (L[..., None] + 1e-9)
    Lnew = Lmed * scales
    root = pos[:, R.ROOT]
    k = R.leg_length(Lnew) / R.leg_length(Lmed)
    root_new = root[0] + (root - root[0]) * k
    return R.fk(root_new, dirs, Lnew), Lnew


def time_resample(pos, factor):
    """Play `factor` times faster (linear interpolation)."""
    T = pos.shape[0]
    n = max(int((T - 1) / factor) + 1, 2)
    t = np.arange(n) * factor
    i0 = np.clip(np.floor(t).astype(int), 0, T - 1)
    i1 = np.clip(i0 + 1, 0, T - 1)
    w = (t - i0)[:, None, None]
    return (1 - w) * pos[i0] + w * pos[i1]


def mirror(pos):
    p = pos[:, FLIP].copy()
    p[..., 0] *= -1
    return p


def world_yaw_to_cam(pos_world, yaw_add):
    """Rotate about y by yaw_add degrees, then world -> camera coords."""
    return R.world_to_cam(R.rotate_yaw(pos_world, yaw_add))


def add_detector_noise(rng, pts, size, level=1.0):
    """pts (T,15,2) pixels -> (noisy pts, conf). Jitter, dropped joints (conf 0) in short
    bursts, whole missing frames, short left/right swaps, wrist/ankle extra noise."""
    T = pts.shape[0]
    pts = pts.copy()
    sig = rng.uniform(0.0, 0.012) * size * level
    jit = rng.normal(0, 1, pts.shape) * sig
    jit[:, [4, 7, 11, 14]] *= 1.8
    # low-frequency wobble, as trackers drift
    wob = np.cumsum(rng.normal(0, 1, pts.shape), axis=0)
    wob -= wob.mean(0)
    wob *= rng.uniform(0, 0.002) * size * level
    pts += jit + wob
    conf = rng.uniform(0.5, 1.0, (T, R.J))
    if level > 0:
        p_drop = rng.uniform(0, 0.06) * level
        nburst = rng.poisson(p_drop * T * R.J / 4 + 1e-9)
        for _ in range(nburst):
            j = rng.integers(R.J)
            t0 = rng.integers(T)
            conf[t0:t0 + rng.integers(1, 8), j] = 0.0
        if rng.random() < 0.3 * level:
            for _ in range(rng.integers(1, 4)):
                t0 = rng.integers(T)
                conf[t0:t0 + rng.integers(1, 5)] = 0.0
        if rng.random() < 0.2 * level:   # left/right swap of an arm or a leg for a few frames
            t0 = rng.integers(T)
            t1 = t0 + rng.integers(1, 6)
            pair = [(2, 5), (3, 6), (4, 7)] if rng.random() < 0.5 else [(9, 12), (10, 13), (11, 14)]
            for a, b in pair:
                tmp = pts[t0:t1, a].copy()
                pts[t0:t1, a] = pts[t0:t1, b]
                pts[t0:t1, b] = tmp
    pts[conf == 0] = 0.0   # the value of a missing joint is meaningless
    return pts, conf


def render_source(rng, pos_world, scales=None, yaw=None, noise=1.0, px_height=None):
    """One synthetic source clip from a world sequence. Returns dict with 2D pts, conf, cam3d
    (T,15,3 camera coords in pixels, absolute), world3d (scaled, yaw applied, pixels)."""
    if scales is None:
        scales = random_scales(rng)
    p, Lnew = rescale_world(pos_world, scales)
    if yaw is None:
        yaw = rng.uniform(-180, 180)
    cam = world_yaw_to_cam(p, yaw)
    h = R.chain_height(Lnew)
    if px_height is None:
        px_height = rng.uniform(120, 700)
    k = px_height / h
    cam = cam * k
    off = np.array([rng.uniform(0, 1280), rng.uniform(0, 720), 0.0]) - cam[0, R.ROOT]
    cam = cam + off
    pts2 = cam[..., :2]
    if noise > 0:
        pts, conf = add_detector_noise(rng, pts2, px_height, noise)
    else:
        pts, conf = pts2.copy(), np.ones(pts2.shape[:2])
    return {"pts": pts, "conf": conf, "cam": cam, "scales": scales, "yaw": yaw, "k": k}


def sample_window(rng, seqs, weights, T):
    """Random crop of length T (after random speed change and mirroring) in world coords."""
    while True:
        s = seqs[rng.choice(len(seqs), p=weights)]
        speed = np.exp(rng.uniform(np.log(0.7), np.log(1.4)))
        need = int(T * speed) + 2
        pos = s["pos"]
        if pos.shape[0] < need:
            if pos.shape[0] < 20:
                continue
            speed = (pos.shape[0] - 2) / T
            need = pos.shape[0]
        t0 = rng.integers(0, pos.shape[0] - need + 1)
        w = time_resample(pos[t0:t0 + need], speed)[:T]
        if w.shape[0] < T:
            continue
        if rng.random() < 0.5:
            w = mirror(w)
        return w


def make_example(rng, pos_world, noise=1.0):
    """-> (features (T,47), target (T,46), valid mask)."""
    src = render_source(rng, pos_world, noise=noise)
    pts = R.fill_missing(src["pts"], src["conf"])
    size = R.clip_size(pts, src["conf"])
    feat = R.make_features(pts, src["conf"], size)
    cam = src["cam"]
    rel = (cam - cam[:, R.ROOT:R.ROOT + 1]) / size
    dz = np.zeros(cam.shape[0])
    dz[1:] = (cam[1:, R.ROOT, 2] - cam[:-1, R.ROOT, 2]) / size
    tgt = np.concatenate([rel.reshape(-1, R.J * 3), dz[:, None]], axis=1)
    return feat, tgt


def make_batch(rng, seqs, weights, B, T, noise=1.0):
    X = np.zeros((B, R.IN_CH, T), np.float32)
    Y = np.zeros((B, R.OUT_CH, T), np.float32)
    for i in range(B):
        w = sample_window(rng, seqs, weights, T)
        f, t = make_example(rng, w, noise=noise if rng.random() < 0.85 else 0.0)
        X[i] = f.T
        Y[i] = t.T
    return X, Y
