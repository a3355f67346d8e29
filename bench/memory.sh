#!/usr/bin/env bash
# Peak resident memory (RSS) of each stage on a generated ImageFolder of 224-px JPEGs, to check
# that memory depends on the network and batch, not on the size of the source or of the output.
#   bench/memory.sh [CLASSES...]          (default: 100 1000; 60 training images per class)
# For each size it writes the folder (java bench/MakeImageFolder.java; kept for reruns, never
# committed) and runs, each under /usr/bin/time -v:
#   score 1 epoch (ConvNet of width WIDTH), compress random / el2n at IPC 10 and 50, pca at
#   IPC 10 and 15 (factor 2 needs IPC·4 images per class: 15 uses all 60), evaluate 1 epoch of
#   MobileNetV2 (ImageNet stem) on the random IPC 10 set; compress random IPC 10 also runs
#   first with an empty statistics cache.
# Prints (and appends to ROOT/memory.tsv) one line per run: tag, classes, stage, peak RSS MB, seconds.
# Env: ROOT (/tmp/condense-memory), PER_CLASS (60), VAL (10 per class), WIDTH (16),
#      CONDENSE (the command to run; default this tree's ./condense), NICE (10),
#      SCORES (a scores folder of that size to reuse: skips the score run), TAG (names the run
#      in the table and its work folder ROOT/work-TAG-cCLASSES; default "run"), SKIP_SCORE (1: no
#      score run; el2n and pca rank by stand-in values, which costs the same memory).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root=${ROOT:-/tmp/condense-memory}
per_class=${PER_CLASS:-60}; val=${VAL:-10}; width=${WIDTH:-16}; niceness=${NICE:-10}
condense=${CONDENSE:-"$here/../condense"}
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(100 1000)
[ -x /usr/bin/time ] || { echo "memory.sh: needs /usr/bin/time (sudo apt-get install time)" >&2; exit 2; }
mkdir -p "$root"
"$condense" --version >/dev/null   # build first, outside the measurements
table="$root/memory.tsv"
tag=${TAG:-run}

run() {   # run LABEL ARGS...: one measured command
  local label=$1; shift
  local t="$work/$label.time"
  if ! nice -n "$niceness" /usr/bin/time -v -o "$t" "$condense" "$@" >"$work/$label.log" 2>&1; then
    echo "memory.sh: $label failed, see $work/$label.log" >&2
    tail -5 "$work/$label.log" >&2
    return 1
  fi
  local kb secs
  kb=$(grep 'Maximum resident set size' "$t" | grep -o '[0-9]*$')
  secs=$(grep 'Elapsed (wall clock)' "$t" | awk '{print $NF}' | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  printf '%s\t%s\t%s\t%d\t%s\n' "$tag" "$classes" "$label" $((kb / 1024)) "$secs" | tee -a "$table"
}

for classes in "${sizes[@]}"; do
  data="$root/c$classes"
  echo "memory.sh: writing $data ($classes classes × $per_class + $val JPEGs)" >&2
  nice -n "$niceness" java "$here/MakeImageFolder.java" "$data" "$classes" "$per_class" "$val"
  work="$root/work-$tag-c$classes"
  rm -rf "$work"; mkdir -p "$work"
  export CONDENSE_CACHE="$work/cache"
  scores=${SCORES:-"$work/scores"}
  if [ -n "${SKIP_SCORE:-}" ] && [ -z "${SCORES:-}" ]; then
    # stand-in EL2N values in dataset order (a CSV as another tool would write), for the compress runs only
    scores="$work/el2n.csv"
    awk -v n=$((classes * per_class)) 'BEGIN { print "el2n"; for (i = 0; i < n; i++) printf "%.6f\n", (i * 7919 % 10007) / 10007 }' >"$scores"
  elif [ -z "${SCORES:-}" ]; then
    run score score --dataset "$data" --model convnet --width "$width" --epochs 1 --k 1 --out "$scores"
  fi
  # the statistics computed from an empty cache first (as on a dataset's first command), then kept
  CONDENSE_CACHE="$work/cold-cache" run random-ipc10-cold-statistics compress --dataset "$data" --method random \
    --ipc 10 --out "$work/random-10-cold"
  mkdir -p "$work/cache" && { cp -n "$work/cold-cache"/normalization-*.json "$work/cache/" 2>/dev/null || true; }
  for ipc in 10 50; do
    run "random-ipc$ipc" compress --dataset "$data" --method random --ipc "$ipc" --out "$work/random-$ipc"
    run "el2n-ipc$ipc" compress --dataset "$data" --method el2n --scores "$scores" --ipc "$ipc" --out "$work/el2n-$ipc"
  done
  for ipc in 10 15; do
    run "pca-ipc$ipc" compress --dataset "$data" --method pca --scores "$scores" --ipc "$ipc" --out "$work/pca-$ipc"
  done
  run evaluate-1-epoch evaluate --data "$work/random-10" --model mobilenetv2 --epochs 1 --seeds 0 --out "$work/results"
done
