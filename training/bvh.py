"""Minimal BVH reader + forward kinematics, and the rig -> body15 mapping.

Only numpy. Handles the two rigs in ../shared/data/mocap:
  Daz (root `hip`, 43 joints) and iClone dummy (root `CC_Base_Hip` or `RL_BoneRoot`).
"""
import numpy as np

from body15 import JOINTS, IDX

# body15 joint (except nose/neck/mid_hip, which are derived) -> rig joint name
RIG_MAPS = {
    "daz": {
        "right_shoulder": "rShldr", "right_elbow": "rForeArm", "right_wrist": "rHand",
        "left_shoulder": "lShldr", "left_elbow": "lForeArm", "left_wrist": "lHand",
        "right_hip": "rThigh", "right_knee": "rShin", "right_ankle": "rFoot",
        "left_hip": "lThigh", "left_knee": "lShin", "left_ankle": "lFoot",
        "head": "head",
    },
    "cc": {
        "right_shoulder": "CC_Base_R_Upperarm", "right_elbow": "CC_Base_R_Forearm",
        "right_wrist": "CC_Base_R_Hand",
        "left_shoulder": "CC_Base_L_Upperarm", "left_elbow": "CC_Base_L_Forearm",
        "left_wrist": "CC_Base_L_Hand",
        "right_hip": "CC_Base_R_Thigh", "right_knee": "CC_Base_R_Calf",
        "right_ankle": "CC_Base_R_Foot",
        "left_hip": "CC_Base_L_Thigh", "left_knee": "CC_Base_L_Calf",
        "left_ankle": "CC_Base_L_Foot",
        "head": "CC_Base_Head",
    },
}


class Bvh:
    def __init__(self):
        self.names, self.parents, self.offsets, self.channels = [], [], [], []
        self.motion = None
        self.frame_time = None


def read_bvh(path):
    b = Bvh()
    with open(path, "r") as f:
        text = f.read()
    head, _, motion = text.partition("MOTION")
    toks = head.split()
    stack, i, last = [], 0, -1
    while i < len(toks):
        t = toks[i]
        if t in ("ROOT", "JOINT"):
            b.names.append(toks[i + 1])
            b.parents.append(stack[-1] if stack else -1)
            b.offsets.append([0.0, 0.0, 0.0])
            b.channels.append([])
            last = len(b.names) - 1
            i += 2
        elif t == "End":  # End Site: skip its block
            depth = 0
            i += 2
            while True:
                if toks[i] == "{":
                    depth += 1
                elif toks[i] == "}":
                    depth -= 1
                    if depth == 0:
                        i += 1
                        break
                i += 1
        elif t == "{":
            stack.append(last)
            i += 1
        elif t == "}":
            stack.pop()
            i += 1
        elif t == "OFFSET":
            b.offsets[last] = [float(x) for x in toks[i + 1:i + 4]]
            i += 4
        elif t == "CHANNELS":
            n = int(toks[i + 1])
            b.channels[last] = toks[i + 2:i + 2 + n]
            i += 2 + n
        else:
            i += 1
    lines = motion.strip().split("\n")
    nfr = int(lines[0].split(":")[1])
    b.frame_time = float(lines[1].split(":")[1])
    data = np.array(" ".join(lines[2:2 + nfr]).split(), dtype=np.float64)
    nch = sum(len(c) for c in b.channels)
    b.motion = data[: (data.size // nch) * nch].reshape(-1, nch)
    b.offsets = np.array(b.offsets)
    return b


def _rot(axis, deg):
    a = np.deg2rad(deg)
    c, s = np.cos(a), np.sin(a)
    R = np.zeros(a.shape + (3, 3))
    if axis == "X":
        R[..., 0, 0] = 1; R[..., 1, 1] = c; R[..., 1, 2] = -s; R[..., 2, 1] = s; R[..., 2, 2] = c
    elif axis == "Y":
        R[..., 1, 1] = 1; R[..., 0, 0] = c; R[..., 0, 2] = s; R[..., 2, 0] = -s; R[..., 2, 2] = c
    else:
        R[..., 2, 2] = 1; R[..., 0, 0] = c; R[..., 0, 1] = -s; R[..., 1, 0] = s; R[..., 1, 1] = c
    return R


def fk(b, needed, motion=None):
    """World positions and rotations of `needed` joints (and ancestors). Returns dicts."""
    motion = b.motion if motion is None else motion
    T = motion.shape[0]
    need = set()
    for n in needed:
        j = b.names.index(n)
        while j >= 0:
            need.add(j)
            j = b.parents[j]
    col = np.cumsum([0] + [len(c) for c in b.channels])
    gpos, grot = {}, {}
    for j in range(len(b.names)):  # parents come before children in file order
        if j not in need:
            continue
        R = np.broadcast_to(np.eye(3), (T, 3, 3)).copy()
        trans = np.broadcast_to(b.offsets[j], (T, 3)).copy()
        for k, ch in enumerate(b.channels[j]):
            v = motion[:, col[j] + k]
            if ch.endswith("rotation"):
                R = R @ _rot(ch[0], v)
            elif ch.endswith("position"):
                trans[:, "XYZ".index(ch[0])] = v  # position channels replace the offset
        p = b.parents[j]
        if p < 0:
            gpos[j], grot[j] = trans, R
        else:
            gpos[j] = gpos[p] + np.einsum("tij,tj->ti", grot[p], trans)
            grot[j] = grot[p] @ R
    return ({b.names[j]: gpos[j] for j in gpos}, {b.names[j]: grot[j] for j in grot})


def rig_of(b):
    return "daz" if "rShldr" in b.names else "cc"


def to_body15(b):
    """Returns (T, 15, 3) world positions in a y-up right-handed frame (cm) at the file's rate."""
    rig = rig_of(b)
    m = RIG_MAPS[rig]
    names = list(m.values())
    P, R = fk(b, names)
    T = b.motion.shape[0]
    out = np.zeros((T, 15, 3))
    for k in ["right_shoulder", "right_elbow", "right_wrist", "left_shoulder", "left_elbow",
              "left_wrist", "right_hip", "right_knee", "right_ankle", "left_hip", "left_knee",
              "left_ankle"]:
        out[:, IDX[k]] = P[m[k]]
    out[:, IDX["neck"]] = 0.5 * (out[:, IDX["left_shoulder"]] + out[:, IDX["right_shoulder"]])
    out[:, IDX["mid_hip"]] = 0.5 * (out[:, IDX["left_hip"]] + out[:, IDX["right_hip"]])
    # Synthetic nose. MediaPipe's nose is in front of and above the skull-base head joint.
    # Rigs differ in their head joint's local axes, so calibrate per file: the wanted offset
    # in the body frame (6.5% of height up along the torso, 6% forward), expressed in the head
    # joint's local frame and averaged over the clip; then nose = head + R_head @ offset, which
    # follows head turns and nods.
    up_b = out[:, IDX["neck"]] - out[:, IDX["mid_hip"]]
    up_b /= np.linalg.norm(up_b, axis=-1, keepdims=True)
    left_b = out[:, IDX["left_shoulder"]] - out[:, IDX["right_shoulder"]]
    left_b -= up_b * np.sum(left_b * up_b, -1, keepdims=True)
    left_b /= np.linalg.norm(left_b, axis=-1, keepdims=True) + 1e-9
    fwd_b = np.cross(left_b, up_b)
    height = np.median(np.linalg.norm(P[m["head"]] - 0.5 * (P[m["left_ankle"]] + P[m["right_ankle"]]), axis=-1))
    want = (0.065 * up_b + 0.060 * fwd_b) * height
    local = np.einsum("tji,tj->ti", R[m["head"]], want).mean(0)  # R^T @ want, averaged
    local *= np.linalg.norm(want[0]) / (np.linalg.norm(local) + 1e-9)
    out[:, IDX["nose"]] = P[m["head"]] + np.einsum("tij,j->ti", R[m["head"]], local)
    # The world up axis is taken from the animation (rest poses of some rigs lie down):
    # the world axis best aligned with the mean ankle->head direction. Then rotate the
    # file's frame so that this axis becomes +y (a proper rotation, det = +1).
    v = (P[m["head"]] - 0.5 * (P[m["left_ankle"]] + P[m["right_ankle"]])).mean(0)
    ax = int(np.argmax(np.abs(v)))
    wup = np.zeros(3); wup[ax] = np.sign(v[ax])
    a = np.zeros(3); a[(ax + 1) % 3] = 1.0
    c = np.cross(a, wup)
    basis = np.stack([a, wup, c])  # rows: new x, y, z in old coords
    assert np.linalg.det(basis) > 0.99
    out = out @ basis.T
    return out, rig


def resample(pos, fps_in, fps_out=30.0):
    T = pos.shape[0]
    dur = (T - 1) / fps_in
    n = int(np.floor(dur * fps_out)) + 1
    t = np.arange(n) / fps_out * fps_in
    i0 = np.clip(np.floor(t).astype(int), 0, T - 1)
    i1 = np.clip(i0 + 1, 0, T - 1)
    w = (t - i0)[:, None, None]
    return (1 - w) * pos[i0] + w * pos[i1]
