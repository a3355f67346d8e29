"""Training throughput of a reference network in PyTorch (CPU).

One step = forward + cross-entropy + backward + AdamW (lr 1e-3, wd 0.01 on ndim>1 params)
on a fixed random batch of 32x32x3 images, 10 classes. Prints one JSON line.
"""
import argparse
import json
import os
import resource
import time

import torch
import torch.nn.functional as F

import torch_models


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", choices=sorted(torch_models.MODELS), default="convnet")
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--steps", type=int, default=30)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--norm", choices=["instance", "batch", "none"], default=None,
                    help="convnet's normalisation layers (default: instance)")
    ap.add_argument("--profile", action="store_true", help="also print ms per step of each phase")
    a = ap.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    if a.norm is not None and a.model != "convnet":
        ap.error("--norm applies to convnet only")
    extra = {} if a.norm is None else {"norm": a.norm}
    model = torch_models.MODELS[a.model](channels=3, num_classes=10, im_size=32, **extra).train()
    opt = torch_models.adamw(model, lr=1e-3, weight_decay=0.01)
    x = torch.randn(a.batch, 3, 32, 32)
    y = torch.randint(0, 10, (a.batch,))

    phases = {}

    def lap(name, t):
        now = time.perf_counter()
        phases[name] = phases.get(name, 0.0) + now - t
        return now

    def step():
        t = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        logits = model(x)
        t = lap("forward", t)
        loss = F.cross_entropy(logits, y)
        t = lap("loss", t)
        loss.backward()
        t = lap("backward", t)
        opt.step()
        t = lap("optimiser", t)
        value = loss.item()  # forces completion of the step
        lap("read loss", t)
        return value

    for _ in range(a.warmup):
        step()
    phases.clear()
    t0 = time.perf_counter()
    for _ in range(a.steps):
        step()
    dt = time.perf_counter() - t0

    if a.profile:
        total = sum(phases.values())
        print("| phase | ms per step | share |\n|---|---|---|")
        for name, sec in phases.items():
            print(f"| {name} | {1000 * sec / a.steps:.2f} | {100 * sec / total:.1f}% |")
        print(f"| total | {1000 * total / a.steps:.2f} | 100% |")
    print(json.dumps({
        "framework": "pytorch", "torch": torch.__version__, "model": a.model,
        "params": torch_models.n_params(model), "batch": a.batch, "steps": a.steps,
        "warmup": a.warmup, "threads": torch.get_num_threads(),
        "images_per_s": round(a.batch * a.steps / dt, 2),
        "step_ms": round(1000 * dt / a.steps, 2),
        "malloc_env": {k: v for k, v in os.environ.items() if k.startswith("MALLOC_")},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }))


if __name__ == "__main__":
    main()
