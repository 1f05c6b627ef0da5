"""Train the lifting network on synthetic projections of the mocap cache. Time-budgeted.

  nice -n 5 /usr/bin/python3 training/train.py --minutes 80 [--resume]
  (smoke)   /usr/bin/python3 training/train.py --cache DIR --out DIR --steps 100 --batch 16

The learning rate follows a cosine keyed to the fraction of the budget used
(max(elapsed/minutes, step/steps)), so a run always ends annealed at its deadline.
Checkpoints: OUT/last.pt every --ckpt-min minutes and at the end; --resume continues from it
(the time already spent counts toward the budget).
"""
import argparse
import math
import os
import sys
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reference_retarget as R  # noqa: E402
import synth  # noqa: E402
from model import Lifter, n_params  # noqa: E402


def compute_norm(rng, seqs, weights, n=2048, T=64):
    X, _ = synth.make_batch(rng, seqs, weights, n // T * 1 + 32, T)
    f = X.transpose(0, 2, 1).reshape(-1, R.IN_CH).astype(np.float64)
    mean = f.mean(0)
    std = f.std(0)
    std = np.where(std < 1e-3, 1.0, std)
    mean[R.ROOT * 2:R.ROOT * 2 + 2] = 0.0   # root-relative root is always 0
    return mean, std


def loss_fn(pred, tgt):
    B, _, T = pred.shape
    pj = pred[:, :R.J * 3].reshape(B, R.J, 3, T)
    tj = tgt[:, :R.J * 3].reshape(B, R.J, 3, T)
    mpjpe = (pj - tj).norm(dim=2).mean()
    bc, bp = torch.as_tensor(R.BC), torch.as_tensor(R.BP)
    pb = pj[:, bc] - pj[:, bp]
    tb = tj[:, bc] - tj[:, bp]
    cos = (pb * tb).sum(2) / (pb.norm(dim=2) * tb.norm(dim=2) + 1e-6)
    dirl = (1 - cos).mean()
    dz = (pred[:, -1, 1:] - tgt[:, -1, 1:]).abs().mean()
    # velocity of the joints (temporal smoothness of the lifted sequence)
    vel = ((pj[..., 1:] - pj[..., :-1]) - (tj[..., 1:] - tj[..., :-1])).norm(dim=2).mean()
    # root depth path over the window (cumulative dz): penalises drift, which the app's
    # cumulative sum would otherwise amplify
    traj = (torch.cumsum(pred[:, -1, 1:], 1) - torch.cumsum(tgt[:, -1, 1:], 1)).abs().mean()
    total = mpjpe + 0.5 * dirl + 2.0 * dz + 0.5 * vel + 0.2 * traj
    return total, {"mpjpe": mpjpe.item(), "dir": dirl.item(), "dz": dz.item(), "vel": vel.item(),
                   "traj": traj.item()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", default=os.path.join(HERE, "cache"))
    ap.add_argument("--out", default=os.path.join(HERE, "checkpoints"))
    ap.add_argument("--minutes", type=float, default=80.0)
    ap.add_argument("--steps", type=int, default=10 ** 9)
    ap.add_argument("--batch", type=int, default=48)
    ap.add_argument("--T", type=int, default=96)
    ap.add_argument("--lr", type=float, default=1.5e-3)
    ap.add_argument("--width", type=int, default=192)
    ap.add_argument("--ckpt-min", type=float, default=4.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--resume", action="store_true")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    os.makedirs(a.out, exist_ok=True)
    ck_path = os.path.join(a.out, "last.pt")

    seqs = synth.load_cache(a.cache, "train")
    val = synth.load_cache(a.cache, "test") or seqs
    lens = np.array([s["pos"].shape[0] for s in seqs], np.float64)
    weights = np.sqrt(lens) / np.sqrt(lens).sum()   # short clips (runs, jumps) get more weight
    vw = np.ones(len(val)) / len(val)
    print("train seqs %d (%d frames), val seqs %d" % (len(seqs), lens.sum(), len(val)), flush=True)

    model = Lifter(c=a.width)
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=1e-4)
    step, spent = 0, 0.0
    if a.resume and os.path.exists(ck_path):
        ck = torch.load(ck_path)
        model = Lifter(**ck["config"])
        model.load_state_dict(ck["model"])
        opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=1e-4)
        opt.load_state_dict(ck["opt"])
        step, spent = ck["step"], ck["spent"]
        mean, std = np.array(ck["norm_mean"]), np.array(ck["norm_std"])
        print("resumed at step %d, %.1f min spent" % (step, spent / 60), flush=True)
    else:
        mean, std = compute_norm(np.random.default_rng(12345), seqs, weights)
    print("params %d" % n_params(model), flush=True)
    rng = np.random.default_rng(a.seed * 100003 + step)
    vrng = np.random.default_rng(777)
    VX, VY = synth.make_batch(vrng, val, vw, 64, a.T)
    mt = torch.tensor(mean, dtype=torch.float32)[None, :, None]
    st = torch.tensor(std, dtype=torch.float32)[None, :, None]
    VX = (torch.from_numpy(VX) - mt) / st
    VY = torch.from_numpy(VY)

    def save():
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "step": step,
                    "spent": spent, "config": model.config, "norm_mean": mean.tolist(),
                    "norm_std": std.tolist()}, ck_path + ".tmp")
        os.replace(ck_path + ".tmp", ck_path)

    budget = a.minutes * 60.0
    t_start = time.time() - spent
    last_ck = time.time()
    last_log = time.time()
    agg = {}
    while True:
        spent = time.time() - t_start
        frac = max(spent / budget, step / a.steps)
        if frac >= 1.0:
            break
        warm = min(1.0, (step + 1) / 300.0)
        lr = a.lr * warm * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * frac)))
        for g in opt.param_groups:
            g["lr"] = lr
        X, Y = synth.make_batch(rng, seqs, weights, a.batch, a.T)
        X = (torch.from_numpy(X) - mt) / st
        Y = torch.from_numpy(Y)
        model.train()
        pred = model(X)
        loss, parts = loss_fn(pred, Y)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        for k, v in parts.items():
            agg[k] = agg.get(k, 0.0) + v
        agg["n"] = agg.get("n", 0) + 1
        if time.time() - last_log > 60 or step == 1 or step == a.steps:
            model.eval()
            with torch.no_grad():
                _, vp = loss_fn(model(VX), VY)
            n = agg.pop("n")
            print("step %6d  %5.1f min  lr %.2e  train %s  val %s" % (
                step, spent / 60, lr, " ".join("%s %.4f" % (k, v / n) for k, v in agg.items()),
                " ".join("%s %.4f" % (k, v) for k, v in vp.items())), flush=True)
            agg = {}
            last_log = time.time()
        if time.time() - last_ck > a.ckpt_min * 60:
            save()
            last_ck = time.time()
    spent = time.time() - t_start
    save()
    print("done: %d steps, %.1f min" % (step, spent / 60), flush=True)


if __name__ == "__main__":
    main()
