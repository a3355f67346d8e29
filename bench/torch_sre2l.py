"""SRe2L's recover loop in PyTorch (CPU), for speed: seconds per iteration of one batch.

The loop of SRe2L's official recover code, as condense's `compress --method sre2l` runs it on
CIFAR-10: a batch of one image per class (10 x 3 x 32 x 32) starts from N(0, 1) noise; each
iteration sets the cosine learning rate, takes one RandomResizedCrop box (scale [0.08, 1], ratio
3/4-4/3) and one horizontal flip (p = 1/2) for the whole batch, resizes the crop back to 32 px
(bilinear), runs the batch-norm teacher in eval mode with a hook on every BN layer, and minimises
CE + 0.01 * sum over BN layers of (||mean - running mean||_2 + ||var - running var||_2), the first
layer x10, with Adam (betas 0.5, 0.9) on the pixels, then clips them to the image range.

The teacher is the ConvNet of width 64 with batch norm (condense's `bench/teachers/
teacher-cifar10-convnet64bn`), freshly initialised: the time per iteration does not depend on
the weights. Prints progress on stderr and one JSON line on stdout.
"""
import argparse
import json
import math
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

import torch_models

MEAN = (0.4914, 0.4822, 0.4465)
STD = (0.2470, 0.2435, 0.2616)


def crop_box(side, gen):
    """torchvision's RandomResizedCrop.get_params (scale 0.08-1, ratio 3/4-4/3) from gen."""
    area = side * side
    log_ratio = (math.log(3 / 4), math.log(4 / 3))
    for _ in range(10):
        target = area * torch.empty(1).uniform_(0.08, 1.0, generator=gen).item()
        ratio = math.exp(torch.empty(1).uniform_(*log_ratio, generator=gen).item())
        w = int(round(math.sqrt(target * ratio)))
        h = int(round(math.sqrt(target / ratio)))
        if 0 < w <= side and 0 < h <= side:
            i = torch.randint(0, side - h + 1, (1,), generator=gen).item()
            j = torch.randint(0, side - w + 1, (1,), generator=gen).item()
            return i, j, h, w
    return 0, 0, side, side


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--iterations", type=int, default=300)
    ap.add_argument("--classes", type=int, default=10, help="images per batch (one per class)")
    ap.add_argument("--width", type=int, default=64)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    gen = torch.Generator().manual_seed(a.seed)

    teacher = torch_models.convnet(width=a.width, norm="batch").eval()
    for p in teacher.parameters():
        p.requires_grad_(False)
    terms = []

    def bn_hook(module, inputs, _output):
        x = inputs[0]
        c = x.shape[1]
        mean = x.mean([0, 2, 3])
        var = x.permute(1, 0, 2, 3).contiguous().view([c, -1]).var(1, unbiased=False)
        terms.append(torch.norm(module.running_mean - mean, 2) + torch.norm(module.running_var - var, 2))

    for m in teacher.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.register_forward_hook(bn_hook)

    side = 32
    x = torch.randn(a.classes, 3, side, side, requires_grad=True)
    y = torch.arange(a.classes)
    opt = torch.optim.Adam([x], lr=0.25, betas=(0.5, 0.9), eps=1e-8)
    mean = torch.tensor(MEAN).view(1, 3, 1, 1)
    std = torch.tensor(STD).view(1, 3, 1, 1)
    low, high = -mean / std, (1 - mean) / std

    start = time.perf_counter()
    for it in range(a.iterations):
        for g in opt.param_groups:
            g["lr"] = 0.5 * 0.25 * (1 + math.cos(math.pi * it / a.iterations))
        i, j, h, w = crop_box(side, gen)
        view = F.interpolate(x[:, :, i:i + h, j:j + w], size=(side, side), mode="bilinear", align_corners=False)
        if torch.rand(1, generator=gen).item() < 0.5:
            view = torch.flip(view, dims=[3])
        terms.clear()
        logits = teacher(view)
        bn = 10 * terms[0] + sum(terms[1:])
        loss = F.cross_entropy(logits, y) + 0.01 * bn
        opt.zero_grad()
        loss.backward()
        opt.step()
        with torch.no_grad():
            x.data = torch.max(torch.min(x, high), low)
        if (it + 1) % 100 == 0:
            print(f"iteration {it + 1}/{a.iterations}: loss {loss.item():.4f}", file=sys.stderr)
    seconds = time.perf_counter() - start
    print(json.dumps({"iterations": a.iterations, "images": a.classes, "seconds": round(seconds, 3),
                      "ms_per_iteration": round(1000 * seconds / a.iterations, 3), "threads": a.threads,
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main()
