#!/usr/bin/env bash
# A worker for bench/pruning.sh's grid, so that several can share it: each (variant, IPC, seed)
# is claimed with an atomic mkdir under $WORK/claims; finished runs are skipped by evaluate.
# Run two with OMP_NUM_THREADS=1 on a 2-core machine (together ~20 % more images/s than one
# process on 2 threads). Env as pruning.sh; the scores must exist already.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/.."
epochs=${EPOCHS:-300}; ipcs=${IPCS:-"10 50"}; seeds=${SEEDS:-"0 1 2"}; width=${WIDTH:-32}
work=${WORK:-$root/runs/pruning}
work="$(cd "$work" && pwd)"
scores="$work/scores-cifar10-w$width"
condense="$root/condense"
[ -f "$scores/card.json" ] || { echo "no scores in $scores: run bench/pruning.sh first" >&2; exit 2; }
mkdir -p "$work/claims"
# shellcheck source=pruning_variants.sh
source "$here/pruning_variants.sh"
for ipc in $ipcs; do
  for s in $seeds; do
    for v in "${variants[@]}"; do
      name=${v%%|*}; flags=${v#*|}
      run="cifar10-$name-ipc$ipc-seed$s"
      ls "$work/results-e$epochs/$run"__* >/dev/null 2>&1 && continue
      mkdir "$work/claims/$run" 2>/dev/null || continue
      d="$work/$run"
      # shellcheck disable=SC2086
      "$condense" compress --dataset cifar10 --ipc "$ipc" --seed "$s" --out "$d" $flags
      "$condense" evaluate --data "$d" --protocol standard-hard --model convnet --seeds "$s" --epochs "$epochs" \
        --out "$work/results-e$epochs" | tail -1
    done
  done
done
