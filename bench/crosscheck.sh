#!/usr/bin/env bash
# Accuracy cross-check of the evaluation protocol: CIFAR-10, standard-hard, convnet, Random IPC
# 10 and 50, three seeds. Each subset is written once by condense and then trained on both by
# condense (Java, DJL) and by bench/torch_protocol.py (an independent PyTorch implementation).
# Resumable: finished runs are skipped. Prints both means ± std (population) side by side.
#   bench/crosscheck.sh            # full 300 epochs
# Env: EPOCHS (300), IPCS ("10 50"), SEEDS ("0 1 2"), WORK (runs/crosscheck), CIFAR_DIR (../shared/datasets/cifar10)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/.."
epochs=${EPOCHS:-300}; ipcs=${IPCS:-"10 50"}; seeds=${SEEDS:-"0 1 2"}
work=${WORK:-$root/runs/crosscheck}
mkdir -p "$work"; work="$(cd "$work" && pwd)"
cifar=${CIFAR_DIR:-$(cd "$root/../shared/datasets/cifar10" && pwd)}
export MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=4294967296 MALLOC_TRIM_THRESHOLD_=4294967296
torch_log="$work/pytorch-e$epochs.jsonl"; touch "$torch_log"
for ipc in $ipcs; do
  for s in $seeds; do
    d="$work/cifar10-random-ipc$ipc-seed$s"
    "$root/condense" compress --dataset cifar10 --method random --ipc "$ipc" --seed "$s" --out "$d"
    "$root/condense" evaluate --data "$d" --protocol standard-hard --model convnet --seeds "$s" --epochs "$epochs" \
      --out "$work/results-e$epochs" | tail -1
    if ! grep -q "\"data\": \"$d\".*\"seed\": $s," "$torch_log"; then
      (cd "$here" && /usr/bin/python3 torch_protocol.py --data "$d" --test cifar10 --cifar-dir "$cifar" \
        --model convnet --seed "$s" --epochs "$epochs" --threads 2) | tail -1 >> "$torch_log"
    fi
  done
done
/usr/bin/python3 - "$work/results-e$epochs" "$torch_log" "$ipcs" <<'PY'
import glob, json, os, statistics as st, sys
res_dir, torch_log, ipcs = sys.argv[1], sys.argv[2], [int(i) for i in sys.argv[3].split()]
java, torch = {}, {}
for f in glob.glob(os.path.join(res_dir, "*.json")):
    r = json.load(open(f)); java.setdefault(r["ipc"], []).append(r["top1"])
for line in open(torch_log):
    r = json.loads(line); ipc = json.load(open(os.path.join(r["data"], "manifest.json")))["ipc"]
    torch.setdefault(ipc, []).append(r["top1"])
fmt = lambda xs: "%.2f ± %.2f (n=%d)" % (st.mean(xs), st.pstdev(xs), len(xs)) if xs else "-"
print("| IPC | condense (Java, DJL) | PyTorch reference |\n|---|---|---|")
for ipc in ipcs:
    print("| %d | %s | %s |" % (ipc, fmt(java.get(ipc, [])), fmt(torch.get(ipc, []))))
PY
