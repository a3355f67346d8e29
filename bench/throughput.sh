#!/usr/bin/env bash
# Training throughput of condense (DJL + PyTorch 2.7.1) against PyTorch (Debian's 1.13, Python)
# on the same machine, same network, optimiser (AdamW, wd on ndim>1), batch and thread count,
# with the same malloc settings for both. Prints both JSON lines and the ratio condense/PyTorch.
#   bench/throughput.sh [MODEL...]        (default: convnet resnet18)
# Env: BATCH (128), STEPS (40), WARMUP (10), THREADS (2), ROUNDS (1), PROFILE (unset),
# NORM (convnet's normalisation: instance, batch or none; default: the network's own).
# ROUNDS=n runs condense and PyTorch alternately n times per model (A B A B ...), so both sides
# see the same background load on a shared machine, and prints each round's ratio and the ratio
# of the mean step times. PROFILE=1 also prints each side's time per phase of the step.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
batch=${BATCH:-128}; steps=${STEPS:-40}; warmup=${WARMUP:-10}; threads=${THREADS:-2}; rounds=${ROUNDS:-1}
profile=${PROFILE:+--profile}; norm=${NORM:+--norm $NORM}
export MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=4294967296
export OMP_NUM_THREADS=$threads
models=("$@"); [ ${#models[@]} -gt 0 ] || models=(convnet resnet18)
"$here/../condense" --version >/dev/null   # build first, outside the timing
field() { grep -o "\"$1\": *[0-9.]*" | grep -o '[0-9.]*$'; }
printf '%-10s %5s %12s %12s %7s\n' model round condense_img/s pytorch_img/s ratio
for m in "${models[@]}"; do
  jsum=0; psum=0
  for r in $(seq 1 "$rounds"); do
    jout=$("$here/../condense" throughput --model "$m" --batch "$batch" --steps "$steps" --warmup "$warmup" $profile $norm 2>/dev/null)
    pout=$(cd "$here" && /usr/bin/python3 torch_throughput.py --model "$m" --batch "$batch" --steps "$steps" \
      --warmup "$warmup" --threads "$threads" $profile $norm)
    j=$(echo "$jout" | tail -1); p=$(echo "$pout" | tail -1)
    if [ -n "$profile" ]; then echo "condense:" >&2; echo "$jout" | head -n -1 >&2; echo "pytorch:" >&2; echo "$pout" | head -n -1 >&2; fi
    echo "$j" >&2; echo "$p" >&2
    jv=$(echo "$j" | field images_per_s); pv=$(echo "$p" | field images_per_s)
    jsum=$(echo "$jsum + $(echo "$j" | field step_ms)" | bc -l); psum=$(echo "$psum + $(echo "$p" | field step_ms)" | bc -l)
    printf '%-10s %5s %12.1f %12.1f %7.2f\n' "$m" "$r" "$jv" "$pv" "$(echo "$jv / $pv" | bc -l)"
  done
  [ "$rounds" -gt 1 ] && printf '%-10s %5s %12.1f %12.1f %7.2f\n' "$m" mean \
    "$(echo "$batch * 1000 * $rounds / $jsum" | bc -l)" "$(echo "$batch * 1000 * $rounds / $psum" | bc -l)" "$(echo "$psum / $jsum" | bc -l)"
done
