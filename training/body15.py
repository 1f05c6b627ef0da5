"""body15 joint set shared by every training script (and mirrored by src/core).

Order is exact (OpenPose BODY_25's first 15 joints). "right" is the performer's right.
neck = midpoint of the shoulders, mid_hip = midpoint of the hips.
"""
import numpy as np

JOINTS = [
    "nose", "neck",
    "right_shoulder", "right_elbow", "right_wrist",
    "left_shoulder", "left_elbow", "left_wrist",
    "mid_hip",
    "right_hip", "right_knee", "right_ankle",
    "left_hip", "left_knee", "left_ankle",
]
J = len(JOINTS)
IDX = {n: i for i, n in enumerate(JOINTS)}
ROOT = IDX["mid_hip"]

# Kinematic tree rooted at mid_hip, listed parent-before-child (so a single forward pass
# rebuilds positions from bone vectors). (parent, child)
BONES = [
    (8, 1),    # mid_hip -> neck        (spine)
    (1, 0),    # neck -> nose           (head)
    (1, 2),    # neck -> right_shoulder (half shoulder width)
    (2, 3),    # right upper arm
    (3, 4),    # right forearm
    (1, 5),    # neck -> left_shoulder
    (5, 6),    # left upper arm
    (6, 7),    # left forearm
    (8, 9),    # mid_hip -> right_hip   (half hip width)
    (9, 10),   # right thigh
    (10, 11),  # right shin
    (8, 12),   # mid_hip -> left_hip
    (12, 13),  # left thigh
    (13, 14),  # left shin
]
NB = len(BONES)
BONE_PARENT = np.array([b[0] for b in BONES])
BONE_CHILD = np.array([b[1] for b in BONES])

# Left/right swap permutation (mirroring, detector swaps).
FLIP = [0, 1, 5, 6, 7, 2, 3, 4, 8, 12, 13, 14, 9, 10, 11]
# Bone index of each bone's mirror partner.
BONE_FLIP = [0, 1, 5, 6, 7, 2, 3, 4, 11, 12, 13, 8, 9, 10]

# Body-part groups of bones, for per-part scale augmentation.
PART_BONES = {
    "spine": [0],
    "head": [1],
    "shoulder": [2, 5],
    "upper_arm": [3, 6],
    "forearm": [4, 7],
    "hip": [8, 11],
    "thigh": [9, 12],
    "shin": [10, 13],
}


def bone_vectors(p):
    """p: (..., 15, D) -> (..., 14, D) child - parent."""
    return p[..., BONE_CHILD, :] - p[..., BONE_PARENT, :]


def fk_from_bones(root, vecs):
    """root: (..., D), vecs: (..., 14, D) -> positions (..., 15, D)."""
    out = np.zeros(vecs.shape[:-2] + (J, vecs.shape[-1]), dtype=vecs.dtype)
    out[..., ROOT, :] = root
    for b, (pa, ch) in enumerate(BONES):
        out[..., ch, :] = out[..., pa, :] + vecs[..., b, :]
    return out


def height_of_rest(rest):
    """Height of a front-view rest pose (15, 2), y down: top of nose to lowest ankle."""
    rest = np.asarray(rest, dtype=np.float64)
    return float(rest[:, 1].max() - rest[:, 1].min())
