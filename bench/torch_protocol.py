"""condense `standard-hard` evaluation protocol, implemented independently in PyTorch.

Trains a fresh network on a condense compressed dataset (manifest.json +
images/<5-digit class index>/<id>.png) with hard labels and reports top-1/top-5 on the
full official test set. Protocol (CDA's standard, hard labels):
  AdamW lr 1e-3, betas (0.9, 0.999), wd 0.01 on ndim>1 params only; cosine per epoch
  lr_e = lr * 0.5 * (1 + cos(pi e / E)); batch 128, shuffled, last partial batch kept;
  RandomResizedCrop(R, scale (0.08, 1), ratio (3/4, 4/3)) + horizontal flip;
  cross-entropy; no CutMix. Test: no augmentation, batch 500.
Normalisation: per-channel mean/std of the full source training set.
With --soft-teacher-width W it times `standard-soft` instead: CutMix (beta 1, one box per batch)
after the crop and flip, a batch-norm ConvNet of width W in eval mode labels each mixed batch,
loss KL(log_softmax(s/T) || softmax(t/T)), batch mean, T = 20. That teacher is freshly
initialised (condense's teachers are not read here): the run costs what the real one costs, but
its top-1 means nothing.
Prints diagnostics on stderr and one JSON line on stdout.
"""
import argparse
import gzip
import json
import math
import os
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
import torchvision
import torchvision.transforms as T
import torchvision.transforms.functional as TF
from PIL import Image

import torch_models

SCALE, RATIO = (0.08, 1.0), (3 / 4, 4 / 3)


def log(*args):
    print(*args, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- source datasets (uint8 N,C,H,W)
def cifar10(cifar_dir, train):
    names = [f"data_batch_{i}.bin" for i in range(1, 6)] if train else ["test_batch.bin"]
    rec = np.concatenate([np.fromfile(Path(cifar_dir, n), np.uint8).reshape(-1, 3073) for n in names])
    return rec[:, 1:].reshape(-1, 3, 32, 32), rec[:, 0].astype(np.int64)


def fashion_mnist(fmnist_dir, train):
    prefix = "train" if train else "t10k"

    def idx(kind, header):
        with gzip.open(Path(fmnist_dir, f"{prefix}-{kind}-ubyte.gz")) as f:
            return np.frombuffer(bytearray(f.read()), np.uint8, offset=header)

    x = idx("images-idx3", 16).reshape(-1, 1, 28, 28)
    return x, idx("labels-idx1", 8).astype(np.int64)


def source(name, a, train):
    if name == "cifar10":
        return cifar10(a.cifar_dir, train)
    if name == "fashion-mnist":
        return fashion_mnist(a.fmnist_dir, train)
    raise SystemExit(f"unknown test set {name!r} (cifar10 | fashion-mnist)")


def mean_std(x):
    """Exact per-channel mean/std (population) of uint8 images in [0,1], via histograms."""
    v = np.arange(256) / 255.0
    mean, std = [], []
    for c in range(x.shape[1]):
        h = np.bincount(x[:, c].ravel(), minlength=256) / x[:, c].size
        m = float(h @ v)
        mean.append(m)
        std.append(math.sqrt(float(h @ (v - m) ** 2)))
    return mean, std


# ---------------------------------------------------------------- compressed dataset
def compressed(data_dir, channels):
    files = sorted(p for p in Path(data_dir, "images").glob("*/*")
                   if p.suffix.lower() in (".png", ".jpg", ".jpeg"))
    if not files:
        raise SystemExit(f"no images under {data_dir}/images/<class>/")
    mode = "RGB" if channels == 3 else "L"
    imgs = [np.asarray(Image.open(p).convert(mode)) for p in files]
    x = np.stack([i if i.ndim == 3 else i[:, :, None] for i in imgs]).transpose(0, 3, 1, 2)
    y = np.array([int(p.parent.name) for p in files], dtype=np.int64)  # folder 00003 -> 3
    return np.ascontiguousarray(x), y


def normalise(x_uint8, mean, std):
    x = torch.from_numpy(x_uint8).float().div_(255)
    return (x - torch.tensor(mean).view(1, -1, 1, 1)) / torch.tensor(std).view(1, -1, 1, 1)


def augment(img, size):
    """RandomResizedCrop + RandomHorizontalFlip on one normalised C,H,W float tensor.
    Bilinear weights sum to 1, so normalising before the crop equals normalising after."""
    i, j, h, w = T.RandomResizedCrop.get_params(img, SCALE, RATIO)
    img = TF.resized_crop(img, i, j, h, w, [size, size], antialias=False)  # crop <= R: upscale only
    return TF.hflip(img) if torch.rand(1) < 0.5 else img


# ---------------------------------------------------------------- train / evaluate
def cutmix(xb):
    """CutMix as the standard-soft protocol: lambda ~ Beta(1, 1), one box and one permutation per batch."""
    lam = float(np.random.beta(1.0, 1.0))
    n, _, h, w = xb.shape
    cut_h, cut_w = int(h * math.sqrt(1 - lam)), int(w * math.sqrt(1 - lam))
    cy, cx = np.random.randint(h), np.random.randint(w)
    y1, y2 = np.clip(cy - cut_h // 2, 0, h), np.clip(cy + cut_h // 2, 0, h)
    x1, x2 = np.clip(cx - cut_w // 2, 0, w), np.clip(cx + cut_w // 2, 0, w)
    xb[:, :, y1:y2, x1:x2] = xb[torch.randperm(n), :, y1:y2, x1:x2]
    return xb


def train(model, x, y, epochs, batch, lr, wd, teacher=None, temperature=20.0):
    opt = torch_models.adamw(model, lr=lr, weight_decay=wd)
    size = x.shape[-1]
    for e in range(epochs):
        for g in opt.param_groups:
            g["lr"] = lr * 0.5 * (1 + math.cos(math.pi * e / epochs))
        model.train()
        perm, total, t0 = torch.randperm(len(x)), 0.0, time.perf_counter()
        for b in range(0, len(x), batch):
            idx = perm[b:b + batch]
            xb = torch.stack([augment(x[k], size) for k in idx])
            if teacher is None:
                loss = F.cross_entropy(model(xb), y[idx])
            else:
                xb = cutmix(xb)
                with torch.no_grad():
                    target = F.softmax(teacher(xb) / temperature, dim=1)
                loss = F.kl_div(F.log_softmax(model(xb) / temperature, dim=1), target, reduction="batchmean")
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        if e == 0 or e == epochs - 1 or (e + 1) % max(1, epochs // 10) == 0:
            log(f"epoch {e + 1}/{epochs} lr {opt.param_groups[0]['lr']:.6f} "
                f"loss {total / len(x):.4f} {time.perf_counter() - t0:.2f}s")


@torch.no_grad()
def evaluate(model, x, y, num_classes, batch=500):
    model.eval()
    top1 = top5 = 0
    correct = torch.zeros(num_classes)
    for b in range(0, len(x), batch):
        out, yb = model(x[b:b + batch]), y[b:b + batch]
        pred5 = out.topk(min(5, num_classes), dim=1).indices
        hit1 = pred5[:, 0] == yb
        top1 += int(hit1.sum())
        top5 += int((pred5 == yb[:, None]).any(1).sum())
        correct += torch.bincount(yb[hit1], minlength=num_classes).float()
    per_class = 100 * correct / torch.bincount(y, minlength=num_classes).float()
    return 100 * top1 / len(x), 100 * top5 / len(x), [round(float(a), 2) for a in per_class]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="condense compressed dataset folder")
    ap.add_argument("--test", help="cifar10 | fashion-mnist (default: manifest source.dataset)")
    ap.add_argument("--cifar-dir", default=str(Path(__file__).resolve().parents[2] / "shared" / "datasets" / "cifar10"))
    ap.add_argument("--fmnist-dir", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--model", choices=sorted(torch_models.MODELS), default="convnet")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--epochs", type=int, default=300)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--weight-decay", type=float, default=0.01)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--soft-teacher-width", type=int, default=0,
                    help="time standard-soft with a freshly initialised BN ConvNet teacher of this width (top-1 then means nothing)")
    a = ap.parse_args()
    t_start = time.perf_counter()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    np.random.seed(a.seed)
    random.seed(a.seed)

    test = a.test
    if test is None:
        manifest = json.loads(Path(a.data, "manifest.json").read_text())
        test = str((manifest.get("source") or {}).get("dataset", "")).lower()
    mean, std = mean_std(source(test, a, train=True)[0])
    log(f"{test} train mean {[round(m, 4) for m in mean]} std {[round(s, 4) for s in std]}")
    xt, yt = source(test, a, train=False)
    channels, size, num_classes = xt.shape[1], xt.shape[-1], int(yt.max()) + 1
    xs, ys = compressed(a.data, channels)
    if xs.shape[-2:] != (size, size):
        raise SystemExit(f"compressed images are {xs.shape[-2:]}, test images {size}x{size}")
    log(f"train {len(xs)} images, classes {np.bincount(ys, minlength=num_classes).tolist()}; "
        f"test {len(xt)}")

    model = torch_models.build(a.model, channels, num_classes, size)
    t0 = time.perf_counter()
    teacher = None
    if a.soft_teacher_width:
        teacher = torch_models.convnet(channels, num_classes, size, width=a.soft_teacher_width, norm="batch").eval()
    train(model, normalise(xs, mean, std), torch.from_numpy(ys), a.epochs, a.batch, a.lr, a.weight_decay, teacher)
    train_s = time.perf_counter() - t0
    top1, top5, per_class = evaluate(model, normalise(xt, mean, std), torch.from_numpy(yt), num_classes)
    eval_s = time.perf_counter() - t0 - train_s
    log(f"load {t0 - t_start:.1f}s, train {train_s:.1f}s, test {eval_s:.1f}s")

    print(json.dumps({
        "framework": "pytorch", "torch": torch.__version__, "torchvision": torchvision.__version__,
        "protocol": "standard-soft (timing only: untrained teacher)" if teacher else "standard-hard",
        "data": os.path.abspath(a.data), "test": test,
        "model": a.model, "seed": a.seed, "epochs": a.epochs, "batch": a.batch,
        "threads": torch.get_num_threads(), "n_train": len(xs),
        "malloc_env": {k: v for k, v in os.environ.items() if k.startswith("MALLOC_")},
        "top1": round(top1, 2), "top5": round(top5, 2), "per_class": per_class,
        "mean": [round(m, 6) for m in mean], "std": [round(s, 6) for s in std],
        "train_s": round(train_s, 2), "epoch_s": round(train_s / a.epochs, 3),
        "eval_s": round(eval_s, 2),
        "wall_s": round(time.perf_counter() - t_start, 2),
    }))


if __name__ == "__main__":
    main()
