#!/usr/bin/env bash
# Scoring speed against PyTorch, and scoring memory as the dataset grows.
#   bench/scoring_speed.sh [IMAGES...]     (default: 10000 25000 50000)
# 1. Speed: one scoring run on CIFAR-10's 50,000 training images by `condense score` and by
#    bench/torch_scoring.py (which records EL2N, forgetting and AUM per sample, as condense does).
#    Both: ConvNet width WIDTH, score-sgd, EPOCHS epochs, THREADS threads, the same malloc
#    settings; ROUNDS rounds alternately (A B A B ...). Each side is timed as a whole process
#    (start-up and loading included) and, for PyTorch, also over its epochs alone.
# 2. Memory: `condense score` on generated 32-px ImageFolders of IMAGES images (10 classes;
#    bench/MakeImageFolder.java, kept in ROOT, never committed), peak RSS and wall time each.
# Env: CIFAR (../shared/datasets/cifar10 beside the checkout), EPOCHS (1), WIDTH (32),
#      THREADS (1), ROUNDS (1), ROOT (/tmp/condense-scoring), CONDENSE (default ./condense),
#      SKIP_SPEED / SKIP_MEMORY (1: leave that part out).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
condense=${CONDENSE:-"$here/../condense"}
cifar=${CIFAR:-"$here/../../shared/datasets/cifar10"}
epochs=${EPOCHS:-1}; width=${WIDTH:-32}; threads=${THREADS:-1}; rounds=${ROUNDS:-1}
root=${ROOT:-/tmp/condense-scoring}
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(10000 25000 50000)
[ -x /usr/bin/time ] || { echo "scoring_speed.sh: needs /usr/bin/time (sudo apt-get install time)" >&2; exit 2; }
export MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=4294967296
export OMP_NUM_THREADS=$threads
mkdir -p "$root"
"$condense" --version >/dev/null   # build first, outside the timing

# timed LOG CMD...: runs CMD under /usr/bin/time; prints "wall_seconds peak_rss_mb"
timed() {
  local log=$1; shift
  /usr/bin/time -f "%e %M" -o "$log.time" "$@" >"$log" 2>&1 || { echo "failed: $*; see $log" >&2; tail -5 "$log" >&2; exit 1; }
  awk '{ printf "%s %d\n", $1, $2 / 1024 }' "$log.time"
}

if [ -z "${SKIP_SPEED:-}" ]; then
  printf '%-6s %-9s %12s %12s %10s %12s\n' round side wall_s images/s rss_mb epochs_img/s
  for r in $(seq 1 "$rounds"); do
    rm -rf "$root/scores-speed"
    read -r cw cm < <(timed "$root/condense-$r.log" "$condense" score --dataset cifar10 --width "$width" \
      --epochs "$epochs" --k 1 --out "$root/scores-speed")
    [ -n "$cw" ] || exit 1
    printf '%-6s %-9s %12s %12.1f %10s %12s\n' "$r" condense "$cw" "$(echo "50000 * $epochs / $cw" | bc -l)" "$cm" -
    read -r pw pm < <(cd "$here" && timed "$root/torch-$r.log" /usr/bin/python3 torch_scoring.py --cifar-dir "$cifar" \
      --images 50000 --epochs "$epochs" --k 1 --width "$width" --threads "$threads")
    [ -n "$pw" ] || exit 1
    pin=$(grep -o '"images_per_s": [0-9.]*' "$root/torch-$r.log" | grep -o '[0-9.]*$')
    printf '%-6s %-9s %12s %12.1f %10s %12s\n' "$r" pytorch "$pw" "$(echo "50000 * $epochs / $pw" | bc -l)" "$pm" "$pin"
    printf '%-6s %-9s %12.2f\n' "$r" ratio "$(echo "$pw / $cw" | bc -l)"
  done
fi

if [ -z "${SKIP_MEMORY:-}" ]; then
  printf '%-8s %12s %10s\n' images wall_s rss_mb
  for n in "${sizes[@]}"; do
    data="$root/folder-$n"
    java "$here/MakeImageFolder.java" "$data" 10 $((n / 10)) 10 32
    rm -rf "$root/scores-$n"
    read -r w m < <(timed "$root/score-$n.log" "$condense" score --dataset "$data" --image-size 32 --width "$width" \
      --epochs "$epochs" --k 1 --out "$root/scores-$n")
    [ -n "$w" ] || exit 1
    printf '%-8s %12s %10s\n' "$n" "$w" "$m"
  done
fi
