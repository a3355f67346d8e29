#!/usr/bin/env bash
# Training throughput of condense (DJL + PyTorch 2.7.1) against PyTorch (Debian's 1.13, Python)
# on the same machine, same network, optimiser (AdamW, wd on ndim>1), batch and thread count,
# with the same malloc settings for both. Prints both JSON lines and the ratio condense/PyTorch.
#   bench/throughput.sh [MODEL...]        (default: convnet resnet18)
# Env: BATCH (128), STEPS (40), WARMUP (10), THREADS (2).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
batch=${BATCH:-128}; steps=${STEPS:-40}; warmup=${WARMUP:-10}; threads=${THREADS:-2}
export MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=4294967296
export OMP_NUM_THREADS=$threads
models=("$@"); [ ${#models[@]} -gt 0 ] || models=(convnet resnet18)
"$here/../condense" --version >/dev/null   # build first, outside the timing
printf '%-10s %12s %12s %7s\n' model condense_img/s pytorch_img/s ratio
for m in "${models[@]}"; do
  j=$("$here/../condense" throughput --model "$m" --batch "$batch" --steps "$steps" --warmup "$warmup" 2>/dev/null | tail -1)
  p=$(cd "$here" && /usr/bin/python3 torch_throughput.py --model "$m" --batch "$batch" --steps "$steps" --warmup "$warmup" --threads "$threads" | tail -1)
  echo "$j" >&2; echo "$p" >&2
  jv=$(echo "$j" | grep -o '"images_per_s": *[0-9.]*' | grep -o '[0-9.]*$')
  pv=$(echo "$p" | grep -o '"images_per_s": *[0-9.]*' | grep -o '[0-9.]*$')
  printf '%-10s %12.1f %12.1f %7.2f\n' "$m" "$jv" "$pv" "$(echo "$jv / $pv" | bc -l)"
done
