"""A scoring run in PyTorch, for speed: what `condense score` does on CIFAR-10, per epoch.

Trains the scoring ConvNet (instance norm, width 32 by default) under `score-sgd` (SGD 0.1,
momentum 0.9, wd 5e-4 on ndim>1 params, cosine per epoch, batch 128, shuffled, 4-pixel padded
crop + flip) and records from every train-mode batch the three scores of condense's
ScoreRecorder: the EL2N sum over the first K epochs, forgetting events and the AUM margin sums on
logits (in float64, on the CPU, vectorised; not the recorder's probability margins and per-epoch
counts, which cost little). Normalisation: per-channel mean/std of the images used. The images are
the first --images of the official training set, held in memory as uint8.
Prints diagnostics on stderr and one JSON line on stdout (images/s over the epochs, without
start-up and loading; peak RSS).
"""
import argparse
import json
import math
import resource
import sys
import time

import torch
import torch.nn.functional as F

import torch_models
from torch_protocol import cifar10


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cifar-dir", required=True)
    ap.add_argument("--images", type=int, default=50000)
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--k", type=int, default=1)
    ap.add_argument("--width", type=int, default=32)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    g = torch.Generator().manual_seed(a.seed)

    x8, y = cifar10(a.cifar_dir, train=True)
    x8, y = torch.from_numpy(x8[: a.images].copy()), torch.from_numpy(y[: a.images].copy())
    n = len(y)
    xf = x8.float() / 255
    mean = xf.mean(dim=(0, 2, 3)).view(1, 3, 1, 1)
    std = xf.std(dim=(0, 2, 3)).view(1, 3, 1, 1)
    del xf

    model = torch_models.convnet(channels=3, num_classes=10, im_size=32, width=a.width).train()
    decay = [p for p in model.parameters() if p.ndim > 1]
    rest = [p for p in model.parameters() if p.ndim <= 1]
    opt = torch.optim.SGD([{"params": decay, "weight_decay": 5e-4}, {"params": rest, "weight_decay": 0.0}],
                          lr=0.1, momentum=0.9)

    el2n = torch.zeros(n, dtype=torch.float64)
    margins = torch.zeros(n, dtype=torch.float64)
    forgetting = torch.zeros(n, dtype=torch.int64)
    last_correct = torch.zeros(n, dtype=torch.bool)
    eye = torch.eye(10)
    rows = torch.arange(a.batch)

    t0 = time.perf_counter()
    for epoch in range(a.epochs):
        for group in opt.param_groups:
            group["lr"] = 0.1 * 0.5 * (1 + math.cos(math.pi * epoch / a.epochs))
        order = torch.randperm(n, generator=g)
        for start in range(0, n, a.batch):
            idx = order[start:start + a.batch]
            b = len(idx)
            xb = (x8[idx].float() / 255 - mean) / std
            # 4-pixel zero-padded random crop and horizontal flip, per sample
            padded = F.pad(xb, (4, 4, 4, 4))
            ox = torch.randint(0, 9, (b,), generator=g)
            oy = torch.randint(0, 9, (b,), generator=g)
            ar = torch.arange(32)
            rows_i = (oy.view(b, 1) + ar.view(1, 32)).view(b, 1, 32, 1).expand(b, 3, 32, 32)
            cols_i = (ox.view(b, 1) + ar.view(1, 32)).view(b, 1, 1, 32).expand(b, 3, 32, 32)
            xb = padded[torch.arange(b).view(b, 1, 1, 1), torch.arange(3).view(1, 3, 1, 1), rows_i, cols_i]
            flip = torch.rand(b, generator=g) < 0.5
            xb = torch.where(flip.view(b, 1, 1, 1), xb.flip(3), xb)
            yb = y[idx]

            logits = model(xb)
            loss = F.cross_entropy(logits, yb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()

            with torch.no_grad():
                lg = logits.double()
                p = lg.softmax(1)
                if epoch < a.k:
                    el2n[idx] += (p - eye[yb].double()).norm(dim=1)
                true = lg[rows[:b], yb]
                other = lg.scatter(1, yb.view(b, 1), float("-inf")).max(1).values
                m = true - other
                margins[idx] += m
                correct = m > 0
                forgetting[idx] += (last_correct[idx] & ~correct).long()
                last_correct[idx] = correct
    dt = time.perf_counter() - t0

    log(f"{n} images x {a.epochs} epoch(s) in {dt:.1f} s; mean EL2N {el2n.mean():.4f}")
    print(json.dumps({
        "framework": "pytorch", "torch": torch.__version__, "images": n, "epochs": a.epochs,
        "width": a.width, "threads": torch.get_num_threads(),
        "images_per_s": round(n * a.epochs / dt, 1), "seconds": round(dt, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }))


def log(*args):
    print(*args, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
