#!/usr/bin/env bash
# Pruning benchmark (the small-scale version of the paper's Tables 5 and 6):
# CIFAR-10, standard-hard, convnet, IPC 10 and 50, three seeds. One scoring run (convnet of
# width 32, score-sgd, 20 epochs) ranks the training set; each method variant below selects a
# subset per (IPC, seed), and each subset is trained with the evaluation protocol.
#   bench/pruning.sh                  # everything (resumable: finished scores, subsets and runs are skipped)
#   condense results runs/pruning/results-e300   # the table, grouped by method variant
# Env: EPOCHS (300), IPCS ("10 50"), SEEDS ("0 1 2"), WORK (runs/pruning), WIDTH (32)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/.."
epochs=${EPOCHS:-300}; ipcs=${IPCS:-"10 50"}; seeds=${SEEDS:-"0 1 2"}; width=${WIDTH:-32}
work=${WORK:-$root/runs/pruning}
mkdir -p "$work"; work="$(cd "$work" && pwd)"
scores="$work/scores-cifar10-w$width"
condense="$root/condense"

# The scoring run; its log gives the scoring throughput, /usr/bin/time its peak memory.
[ -f "$scores/card.json" ] || "$condense" score --dataset cifar10 --width "$width" --seed 0 --out "$scores"

# shellcheck source=pruning_variants.sh
source "$here/pruning_variants.sh"
for ipc in $ipcs; do
  for s in $seeds; do
    for v in "${variants[@]}"; do
      name=${v%%|*}; flags=${v#*|}
      d="$work/cifar10-$name-ipc$ipc-seed$s"
      # shellcheck disable=SC2086
      "$condense" compress --dataset cifar10 --ipc "$ipc" --seed "$s" --out "$d" $flags
      "$condense" evaluate --data "$d" --protocol standard-hard --model convnet --seeds "$s" --epochs "$epochs" \
        --out "$work/results-e$epochs" | tail -1
    done
  done
done
"$condense" results "$work/results-e$epochs"
