#!/usr/bin/env bash
# Whole runs against PyTorch, side by side on this machine: wall time of a complete evaluation run
# (start-up, loading, augmentation, training and the test set), and SRe2L's synthesis per iteration.
#   bench/run_speed.sh
# Parts (PARTS, default "hard soft sre2l"), each ROUNDS times, condense and PyTorch alternately
# (A B A B …, so both see the same background load), THREADS threads, the same malloc settings:
#   hard   `condense evaluate --protocol standard-hard` against bench/torch_protocol.py, on the same
#          Random subset of CIFAR-10 (IPC, seed 0), convnet, EPOCHS epochs;
#   soft   the same under `standard-soft` with condense's committed BN ConvNet-64 teacher, against
#          torch_protocol.py --soft-teacher-width 64 (a teacher of the same shape, untrained: it costs
#          the same, so only the time compares, not the top-1);
#   sre2l  `condense compress --method sre2l --ipc 1` (one batch of 10 images, ITERATIONS iterations,
#          the committed teacher) against bench/torch_sre2l.py: ms per iteration of the batch.
# Prints one line per run and the ratio condense/PyTorch in speed (PyTorch time / condense time).
# Env: IPC (50), EPOCHS (300), ITERATIONS (600), ROUNDS (1), THREADS (1), PARTS, ROOT (/tmp/condense-run-speed),
#      CIFAR (../shared/datasets/cifar10 beside the checkout), CONDENSE (default ./condense).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
condense=${CONDENSE:-"$here/../condense"}
cifar=${CIFAR:-"$here/../../shared/datasets/cifar10"}
ipc=${IPC:-50}; epochs=${EPOCHS:-300}; iterations=${ITERATIONS:-600}; rounds=${ROUNDS:-1}; threads=${THREADS:-1}
parts=${PARTS:-"hard soft sre2l"}
root=${ROOT:-/tmp/condense-run-speed}
teacher="$here/teachers/teacher-cifar10-convnet64bn"
[ -x /usr/bin/time ] || { echo "run_speed.sh: needs /usr/bin/time (sudo apt-get install time)" >&2; exit 2; }
export MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=4294967296
export OMP_NUM_THREADS=$threads
mkdir -p "$root"
"$condense" --version >/dev/null   # build first, outside the timing

# timed LOG CMD...: runs CMD under /usr/bin/time; prints its wall seconds
timed() {
  local log=$1; shift
  /usr/bin/time -f "%e" -o "$log.time" "$@" >"$log" 2>&1 || { echo "run_speed.sh: failed: $*; see $log" >&2; tail -5 "$log" >&2; exit 1; }
  cat "$log.time"
}
ratio() { echo "$1 / $2" | bc -l; }

data="$root/cifar10-random-ipc$ipc-seed0"
if [[ " $parts " == *" hard "* || " $parts " == *" soft "* ]]; then
  "$condense" compress --dataset cifar10 --method random --ipc "$ipc" --seed 0 --out "$data" >/dev/null 2>&1
  # the dataset statistics are computed on a dataset's first use and cached: do that outside the timing
  "$condense" evaluate --data "$data" --protocol standard-hard --epochs 1 --seeds 0 --out "$root/warm" >/dev/null 2>&1
fi

printf '%-6s %-6s %-9s %10s %s\n' part round side seconds note
for part in $parts; do
  for r in $(seq 1 "$rounds"); do
    case $part in
      hard|soft)
        extra=(); textra=()
        if [ "$part" = soft ]; then extra=(--teacher "$teacher"); textra=(--soft-teacher-width 64); fi
        out="$root/results-$part-$r"; rm -rf "$out"
        cs=$(timed "$root/condense-$part-$r.log" "$condense" evaluate --data "$data" --protocol "standard-$part" \
          --model convnet --epochs "$epochs" --seeds 0 --out "$out" "${extra[@]}")
        printf '%-6s %-6s %-9s %10s %s\n' "$part" "$r" condense "$cs" "$(grep -o 'top-1 [0-9][0-9.]*%' "$root/condense-$part-$r.log" | tail -1)"
        ps=$(cd "$here" && timed "$root/torch-$part-$r.log" /usr/bin/python3 torch_protocol.py --data "$data" --test cifar10 \
          --cifar-dir "$cifar" --model convnet --seed 0 --epochs "$epochs" --threads "$threads" "${textra[@]}")
        printf '%-6s %-6s %-9s %10s %s\n' "$part" "$r" pytorch "$ps" "top-1 $(grep -o '"top1": [0-9.]*' "$root/torch-$part-$r.log" | grep -o '[0-9.]*$')%"
        printf '%-6s %-6s %-9s %10.2f\n' "$part" "$r" ratio "$(ratio "$ps" "$cs")"
        ;;
      sre2l)
        out="$root/sre2l-$r"; rm -rf "$out"
        "$condense" compress --dataset cifar10 --method sre2l --ipc 1 --teacher "$teacher" \
          --option "iterations=$iterations" --seed 0 --out "$out" >"$root/condense-sre2l-$r.log" 2>&1 \
          || { echo "run_speed.sh: condense sre2l failed; see $root/condense-sre2l-$r.log" >&2; exit 1; }
        cs=$(grep -o '([0-9.]* s per batch' "$root/condense-sre2l-$r.log" | tail -1 | grep -o '[0-9.]*')
        cms=$(echo "1000 * $cs / $iterations" | bc -l)
        printf '%-6s %-6s %-9s %10.2f %s\n' sre2l "$r" condense "$cms" "ms per iteration"
        pms=$(cd "$here" && /usr/bin/python3 torch_sre2l.py --iterations "$iterations" --threads "$threads" 2>/dev/null \
          | grep -o '"ms_per_iteration": [0-9.]*' | grep -o '[0-9.]*$')
        printf '%-6s %-6s %-9s %10.2f %s\n' sre2l "$r" pytorch "$pms" "ms per iteration"
        printf '%-6s %-6s %-9s %10.2f\n' sre2l "$r" ratio "$(ratio "$pms" "$cms")"
        ;;
      *) echo "run_speed.sh: unknown part '$part' (hard, soft, sre2l)" >&2; exit 2 ;;
    esac
  done
done
