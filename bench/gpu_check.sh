#!/usr/bin/env bash
# Checks condense on a GPU with condense's own commands: builds for the CUDA library (-Pcuda),
# then prints (1) the training throughput of ResNet-18 at 224 px and (2) the test top-1 of a
# ResNet-18 trained for 5 epochs on CIFAR-10 (protocol teacher-sgd). Exits non-zero on any failure.
#   bench/gpu_check.sh [gpu|gpu:N]            (default gpu = gpu:0)
# Env: SKIP_BUILD=1 (the jar is already a -Pcuda build), BATCH (64), STEPS (30), EPOCHS (5),
#      OUT (a new temporary folder for the CIFAR-10 run), and the data options of condense
#      (CONDENSE_DATA: where cifar10 is).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/.."
device="${1:-gpu}"
batch=${BATCH:-64}; steps=${STEPS:-30}; epochs=${EPOCHS:-5}
out="${OUT:-$(mktemp -d)/teacher-cifar10-resnet18-gpu}"

fail() { echo "gpu_check: FAILED: $*" >&2; exit 1; }

command -v nvidia-smi >/dev/null && nvidia-smi -L || echo "gpu_check: nvidia-smi not found; trying anyway" >&2
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "gpu_check: building for the CUDA library (mvn -Pcuda clean package)..." >&2
  (cd "$root" && mvn -q -B -DskipTests -Pcuda clean package) || fail "the -Pcuda build"
fi
# the launcher rebuilds with the same profile if sources change
export CONDENSE_MAVEN_PROFILES=cuda
# DJL fetches PyTorch's CUDA library on first start (once, into ~/.djl.ai/pytorch)
export PYTORCH_FLAVOR="${PYTORCH_FLAVOR:-cu128}" DJL_OFFLINE="${DJL_OFFLINE:-false}"

json=$("$root/condense" throughput --device "$device" --model resnet18 --size 224 --batch "$batch" \
        --steps "$steps" --warmup 5 | tail -1) || fail "condense throughput --device $device"
ips=$(echo "$json" | grep -o '"images_per_s": *[0-9.]*' | grep -o '[0-9.]*$') || fail "no images_per_s in: $json"
echo "resnet18 224 px, batch $batch, train step: $ips images/s on $device"

line=$("$root/condense" train --device "$device" --dataset cifar10 --model resnet18 --epochs "$epochs" \
        --out "$out" | tail -1) || fail "condense train --device $device on cifar10"
top1=$(echo "$line" | grep -o 'top-1 [0-9.]*%' | grep -o '[0-9.]*') || fail "no top-1 in: $line"
echo "resnet18 on cifar10, $epochs epochs: test top-1 $top1 % ($out)"
awk -v t="$top1" 'BEGIN { exit !(t > 10) }' || fail "top-1 $top1 % is not above chance (10 %)"
