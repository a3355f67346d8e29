"""Reference networks in plain PyTorch, for cross-checking condense (Java/DJL).

* convnet  -- the dataset-distillation ConvNet (DC/DM/MTT/SRe2L code):
              depth x [conv3x3 (bias) -> norm -> ReLU -> AvgPool 2x2], flatten -> Linear.
              'instance' norm = GroupNorm(width, width, affine=True), as in that code.
* resnet18 -- torchvision ResNet-18 with the CIFAR stem (3x3 conv1, stride 1, no max-pool).
"""
import torch
from torch import nn
import torchvision


def convnet(channels=3, num_classes=10, im_size=32, width=128, depth=3, norm="instance"):
    layers, c, s = [], channels, im_size
    for _ in range(depth):
        layers.append(nn.Conv2d(c, width, kernel_size=3, padding=1, bias=True))
        if norm == "instance":
            layers.append(nn.GroupNorm(width, width, affine=True))
        elif norm == "batch":
            layers.append(nn.BatchNorm2d(width))
        elif norm != "none":
            raise ValueError(f"unknown norm {norm!r}")
        layers += [nn.ReLU(inplace=True), nn.AvgPool2d(kernel_size=2, stride=2)]
        c, s = width, s // 2  # 32 -> 16 -> 8 -> 4 ; 28 -> 14 -> 7 -> 3
    return nn.Sequential(*layers, nn.Flatten(), nn.Linear(width * s * s, num_classes))


def resnet18(channels=3, num_classes=10, im_size=32):
    net = torchvision.models.resnet18(num_classes=num_classes)
    net.conv1 = nn.Conv2d(channels, 64, kernel_size=3, stride=1, padding=1, bias=False)
    net.maxpool = nn.Identity()
    return net


MODELS = {"convnet": convnet, "resnet18": resnet18}


def build(name, channels=3, num_classes=10, im_size=32):
    return MODELS[name](channels=channels, num_classes=num_classes, im_size=im_size)


def n_params(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def adamw(model, lr=1e-3, weight_decay=0.01, betas=(0.9, 0.999)):
    """AdamW with weight decay only on parameters with ndim > 1 (conv/linear weights)."""
    decay = [p for p in model.parameters() if p.ndim > 1]
    no_decay = [p for p in model.parameters() if p.ndim <= 1]
    return torch.optim.AdamW([{"params": decay, "weight_decay": weight_decay},
                              {"params": no_decay, "weight_decay": 0.0}], lr=lr, betas=betas)


if __name__ == "__main__":  # self-check of the parameter counts
    assert n_params(convnet(3, 10, 32)) == 320_010, n_params(convnet(3, 10, 32))
    assert n_params(resnet18(3, 10, 32)) == 11_173_962, n_params(resnet18(3, 10, 32))
    for name in MODELS:
        for ch, size in ((3, 32), (1, 28)):
            out = build(name, ch, 10, size)(torch.randn(2, ch, size, size))
            assert out.shape == (2, 10), (name, ch, size, out.shape)
            print(f"{name:8s} {ch}x{size}x{size}: {n_params(build(name, ch, 10, size)):,} params")
    print("ok")
