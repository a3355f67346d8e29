#!/usr/bin/env bash
# PCA ablation (the small-scale version of the paper's Tables 7 and 12): CIFAR-10,
# convnet, hard labels, pca-hard (AdamW 0.01, cosine, 300 epochs) for every row so that only the
# data and its reading change, IPC 10 and 50, three seeds. Uses the scores of bench/pruning.sh.
#   Random -> + Prune (EL2N easy balanced, f = 1) -> + Combine (f = 2, composite read whole)
#   -> + Augment (f = 2, patch extraction) = PCA; patch shuffle vs extraction; f = 3;
#   Cutout / CutMix / Mixup (labels mixed and not) on top of PCA.
#   bench/pca_ablation.sh            # resumable: finished subsets and runs are skipped
#   # on 2 cores, two processes of one thread each share the grid (~20 % more images/s):
#   OMP_NUM_THREADS=1 bench/pca_ablation.sh & OMP_NUM_THREADS=1 bench/pca_ablation.sh
# Each run is claimed with flock, so a killed process leaves no stale claim. Order: IPC, row,
# seed, so the core ablation rows of IPC 50 come before its extra rows.
# Env: EPOCHS (300), IPCS ("10 50"), SEEDS ("0 1 2"), ROWS (all), WORK (runs/pca-ablation),
#      SCORES (runs/pruning/scores-cifar10-w32)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/.."
epochs=${EPOCHS:-300}; ipcs=${IPCS:-"10 50"}; seeds=${SEEDS:-"0 1 2"}
work=${WORK:-$root/runs/pca-ablation}
mkdir -p "$work/claims"; work="$(cd "$work" && pwd)"
scores=${SCORES:-$root/runs/pruning/scores-cifar10-w32}
condense="$root/condense"
results="$work/results-e$epochs"
# One scoring run at a time; a second process waits for it.
flock "$work/claims/scores.lock" bash -c \
  "[ -f '$scores/card.json' ] || '$condense' score --dataset cifar10 --width 32 --seed 0 --out '$scores'"

# row name | dataset (method + options) | protocol overrides
rows=(
  "random|random|"
  "prune|el2n|"
  "combine|pca-f2|--set augment.patch=none"
  "pca|pca-f2|"
  "pca-shuffle|pca-f2|--set augment.patch=shuffle"
  "pca-f3|pca-f3|"
  "pca-cutout|pca-f2|--set augment.cutout.prob=1"
  "pca-cutmix|pca-f2|--set augment.cutmix.prob=1"
  "pca-mixup|pca-f2|--set augment.mixup.prob=1"
  "pca-mixup-hard|pca-f2|--set augment.mixup.prob=1 --set augment.mixup.mix_labels=false"
)
wanted=${ROWS:-$(for r in "${rows[@]}"; do printf '%s ' "${r%%|*}"; done)}
for ipc in $ipcs; do
  for r in "${rows[@]}"; do
    IFS='|' read -r name data overrides <<< "$r"
    [[ " $wanted " == *" $name "* ]] || continue
    for s in $seeds; do
      [ -f "$work/claims/$name-ipc$ipc-seed$s.done" ] && continue
      exec {claim}>"$work/claims/$name-ipc$ipc-seed$s.lock"
      flock -n "$claim" || { exec {claim}>&-; continue; }
      case $data in
        random) flags=(--method random) ;;
        el2n) flags=(--method el2n --scores "$scores") ;;
        pca-f*) flags=(--method pca --option "factor=${data#pca-f}" --scores "$scores") ;;
      esac
      d="$work/cifar10-$data-ipc$ipc-seed$s"
      # several rows read one subset: build it once, under a lock
      flock "$work/claims/compress.lock" \
        "$condense" compress --dataset cifar10 --ipc "$ipc" --seed "$s" --out "$d" "${flags[@]}"
      # shellcheck disable=SC2086
      "$condense" evaluate --data "$d" --protocol pca-hard --model convnet --seeds "$s" --epochs "$epochs" \
        $overrides --out "$results" | tail -1
      touch "$work/claims/$name-ipc$ipc-seed$s.done"
      exec {claim}>&-
    done
  done
done
# rows differ by method variant and by the protocol's overridden fields, e.g. pca-hard{augment.patch=shuffle}
"$condense" results "$results"
