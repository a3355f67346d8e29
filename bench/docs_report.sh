#!/usr/bin/env bash
# Regenerates docs/report from the CIFAR-10 benchmark runs: the pruning grid (through the bench
# store; its runs were made by bench/pruning.sh and copied with --reuse, key for key), PCA's
# ablation grid (bench/pca_ablation.sh's records), the soft- vs hard-label grid with the
# distillation baselines (bench/grids/cifar10-labels.yaml, whatever of it has run), and the entropy
# and crop analyses under a convnet-32 observer and the tile analysis under the soft-label teacher
# (train + analyze commands below).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/.."
c=./condense
$c bench bench/grids/cifar10-pruning.yaml --reuse runs/pruning/results-e300 >/dev/null
[ -f runs/observer-cifar10-w32/card.json ] || \
  $c train --dataset cifar10 --model convnet --width 32 --epochs 15 --seed 0 --out runs/observer-cifar10-w32
P=runs/pruning; A=runs/pca-ablation; O=runs/observer-cifar10-w32
[ -f runs/analyses/entropy-cifar10.json ] || $c analyze entropy --observer $O --data cifar10 \
  --data $P/cifar10-random-ipc50-seed0 --data $P/cifar10-el2n-easy-balanced-ipc50-seed0 \
  --data $P/cifar10-el2n-hard-balanced-ipc50-seed0 --data $P/cifar10-ccs-ipc50-seed0 \
  --data $A/cifar10-pca-f2-ipc10-seed0 --out runs/analyses/entropy-cifar10.json
[ -f runs/analyses/crops-cifar10.json ] || $c analyze crops --observer $O \
  --data $P/cifar10-random-ipc50-seed0 --data $P/cifar10-el2n-easy-balanced-ipc50-seed0 \
  --data $P/cifar10-el2n-hard-balanced-ipc50-seed0 --scales 0.08,0.25,0.5,1.0 --crops 5 --seed 0 \
  --out runs/analyses/crops-cifar10.json
L=runs/bench/cifar10-labels
labels=(); [ -f $L/results.jsonl ] && labels=($L/results.jsonl --datasets $L/data)
# the soft-label teacher on PCA's and RDED's tiles and crops inside them (default scales 0.08-1),
# against PCA's source images (EL2N IPC 40) read whole
T=runs/teacher-cifar10-convnet64bn; D=$L/data
if [ ! -f runs/analyses/tiles-cifar10.json ] && [ -f $T/card.json ] && [ -d $D/cifar10-pca-ipc10-seed0 ]; then
  [ -d runs/tiles/cifar10-el2n-easy-balanced-ipc40-seed0 ] || $c compress --dataset cifar10 --method el2n --ipc 40 \
    --seed 0 --option scores=runs/pruning/scores-cifar10-w32 --out runs/tiles/cifar10-el2n-easy-balanced-ipc40-seed0
  $c analyze tiles --observer $T --data runs/tiles/cifar10-el2n-easy-balanced-ipc40-seed0 \
    --data $D/cifar10-pca-ipc10-seed0 --data $D/cifar10-rded-ipc10-seed0 --data $D/cifar10-rded-f1-ipc10-seed0 \
    --data $D/cifar10-random-ipc10-seed0 --data $D/cifar10-sre2l-ipc10-seed0 --data $D/cifar10-sre2l-real-ipc10-seed0 \
    --data $D/cifar10-cda-ipc10-seed0 --data cifar10 --split test --max-images 2000 --out runs/analyses/tiles-cifar10.json
fi
$c report runs/bench/cifar10-pruning/results.jsonl $A/results-e300 "${labels[@]}" \
  --datasets runs/bench/cifar10-pruning/data --datasets $A --analyses runs/analyses \
  --title "condense on CIFAR-10: pruning, PCA's ablation, distillation under soft and hard labels (convnet)" \
  --command "bench/pruning.sh && bench/pca_ablation.sh && ./condense bench bench/grids/cifar10-labels.yaml && bench/docs_report.sh" \
  --out docs/report
