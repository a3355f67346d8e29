#!/usr/bin/env bash
# What flips the sign of EL2N (easy, class-balanced) vs Random between the Fashion-MNIST main job
# and the CIFAR-10 benchmark? One factor at a time from the main job's settings (Fashion-MNIST,
# IPC 10, proxy convnet width 32 with 5 epochs of score-sgd and EL2N summed over K = 5 of them,
# every row under pca-hard at 200 epochs), seeds 0, 1, 2 (each seed its own subset and student).
#   bench/quickstart_study.sh [CELL...]     # cells: base protocol protocol300 dataset proxy20k10 proxy20k5 ipc50
# (`protocol`, standard-hard at 200 epochs, gives the Random and EL2N rows of `./condense quickstart` with its defaults.)
# Resumable: finished subsets and runs are skipped; the score runs, and the Random runs of cells that
# differ only in the scoring run, are shared between the cells.
# Then `./condense results WORK/results/<cell>` prints each cell's table.
# Env: WORK (runs/quickstart-study), SEEDS ("0 1 2")
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
condense=${CONDENSE:-$here/../condense}
work=${WORK:-$here/../runs/quickstart-study}
seeds=${SEEDS:-"0 1 2"}
mkdir -p "$work"

# score DATASET EPOCHS K: one proxy run (convnet width 32, score-sgd, seed 0); prints its folder
score() {
  local out="$work/scores-$1-e$2-k$3"
  [ -f "$out/card.json" ] || "$condense" score --dataset "$1" --width 32 --epochs "$2" --k "$3" --seed 0 \
    --out "$out" >&2
  echo "$out"
}

# cell NAME DATASET IPC SCORES PROTOCOL EPOCHS: Random and EL2N for every seed into results/NAME
cell() {
  local name=$1 dataset=$2 ipc=$3 scores=$4 protocol=$5 epochs=$6 s method d
  for s in $seeds; do
    for method in random el2n; do
      if [ $method = random ]; then
        d="$work/$dataset-random-ipc$ipc-seed$s"
        "$condense" compress --dataset "$dataset" --method random --ipc "$ipc" --seed "$s" --out "$d"
      else
        d="$work/$dataset-el2n-$(basename "$scores")-ipc$ipc-seed$s"
        "$condense" compress --dataset "$dataset" --method el2n --scores "$scores" --ipc "$ipc" --seed "$s" \
          --out "$d"
      fi
      # Random does not depend on the scoring run: its runs are shared by the cells that differ only there
      out="$work/results/$name"
      if [ $method = random ]; then out="$work/results/shared-random-$dataset-ipc$ipc-$protocol-e$epochs"; fi
      "$condense" evaluate --data "$d" --protocol "$protocol" --epochs "$epochs" --model convnet --seeds "$s" \
        --out "$out"
      if [ $method = random ]; then mkdir -p "$work/results/$name" && cp -n "$out"/*.json "$work/results/$name/"; fi
    done
  done
}

for c in "${@:-base protocol protocol300 dataset proxy20k10 proxy20k5 ipc50}"; do
  for c in $c; do
    case $c in
      base)      cell base fashion-mnist 10 "$(score fashion-mnist 5 5)" pca-hard 200 ;;
      protocol)  cell protocol fashion-mnist 10 "$(score fashion-mnist 5 5)" standard-hard 200 ;;
      protocol300) cell protocol300 fashion-mnist 10 "$(score fashion-mnist 5 5)" standard-hard 300 ;;
      dataset)   cell dataset cifar10 10 "$(score cifar10 5 5)" pca-hard 200 ;;
      proxy20k10) cell proxy20k10 fashion-mnist 10 "$(score fashion-mnist 20 10)" pca-hard 200 ;;
      proxy20k5) cell proxy20k5 fashion-mnist 10 "$(score fashion-mnist 20 5)" pca-hard 200 ;;
      ipc50)     cell ipc50 fashion-mnist 50 "$(score fashion-mnist 5 5)" pca-hard 200 ;;
      *) echo "unknown cell $c" >&2; exit 2 ;;
    esac
  done
done
