"""Temporal 2D->3D lifting network (VideoPose3D-style dilated temporal convolutions).

Input  x: (B, 47, T) normalised features (see reference_retarget.make_features / normalise).
Output y: (B, 46, T): 15 x (x, y, z) camera-space joints relative to mid_hip, in units of the
          clip size, then the root's per-frame depth change (same units).
Same-length ("same" padded, replicate) convolutions, so any T works; the receptive field is
1 + 2 * (1 + 3 + 9 + 27) = 81 frames. Non-causal.
"""
import torch
import torch.nn as nn

import reference_retarget as R


class Block(nn.Module):
    def __init__(self, c, dil, drop):
        super().__init__()
        self.pad = nn.ReplicationPad1d(dil)
        self.c1 = nn.Conv1d(c, c, 3, dilation=dil, bias=False)
        self.b1 = nn.BatchNorm1d(c)
        self.c2 = nn.Conv1d(c, c, 1, bias=False)
        self.b2 = nn.BatchNorm1d(c)
        self.act = nn.LeakyReLU(0.1)
        self.drop = nn.Dropout(drop)

    def forward(self, x):
        h = self.drop(self.act(self.b1(self.c1(self.pad(x)))))
        h = self.drop(self.act(self.b2(self.c2(h))))
        return x + h


class Lifter(nn.Module):
    def __init__(self, c=192, dils=(3, 9, 27), drop=0.1):
        super().__init__()
        self.pad = nn.ReplicationPad1d(1)
        self.inp = nn.Conv1d(R.IN_CH, c, 3, bias=False)
        self.bn = nn.BatchNorm1d(c)
        self.act = nn.LeakyReLU(0.1)
        self.blocks = nn.ModuleList([Block(c, d, drop) for d in dils])
        self.out = nn.Conv1d(c, R.OUT_CH, 1)
        self.config = {"c": c, "dils": list(dils), "drop": drop}

    def forward(self, x):
        h = self.act(self.bn(self.inp(self.pad(x))))
        for b in self.blocks:
            h = b(h)
        return self.out(h)


def n_params(m):
    return sum(p.numel() for p in m.parameters())
