#!/usr/bin/env bash
# Copies what the committed report reads out of a bench work folder, so that a fresh clone can
# rebuild the report: for every dataset a record of STORE names, its manifest.json and cost.json
# into <STORE without .jsonl>-data/<dataset>/, plus the images of the datasets the report's image
# grids draw (per method variant: the first data seed at the smallest IPC; IPC 10 is 100 small PNGs).
#   bench/snapshot.sh bench/results/cifar10-labels.jsonl runs/bench/cifar10-labels
#   ./condense report bench/results/cifar10-labels.jsonl --datasets bench/results/cifar10-labels-data --inputs bench/teachers --inputs bench/scores --out docs/report-labels
# Datasets without a manifest yet (unfinished) are skipped. Every path in what it copies must be
# relative (to the repository): it stops, copying nothing, at the first absolute one.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: bench/snapshot.sh STORE.jsonl WORKDIR   (WORKDIR holds data/<dataset>/ as condense bench writes it)" >&2
  exit 2
fi
store=$1; work=$2
[ -f "$store" ] || { echo "snapshot: no results store $store" >&2; exit 2; }
[ -d "$work/data" ] || { echo "snapshot: no $work/data folder; give the work folder of condense bench" >&2; exit 2; }
out="${store%.jsonl}-data"

python3 - "$store" "$work/data" "$out" <<'PY'
import json, os, shutil, sys

store, data, out = sys.argv[1:4]
records = [json.loads(line) for line in open(store) if line.strip()]

def absolute_paths(node, where):
    """Every string that is an absolute path (POSIX or Windows) or climbs out with '..'."""
    found = []
    if isinstance(node, dict):
        for k, v in node.items():
            found += absolute_paths(v, where + "." + k)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            found += absolute_paths(v, "%s[%d]" % (where, i))
    elif isinstance(node, str):
        s = node.strip()
        if s.startswith("/") or s.startswith("~") or (len(s) > 2 and s[1] == ":" and s[2] in "/\\"):
            found.append("%s = %s" % (where, s))
    return found

finished = {}
for r in records:
    name = r["data"]
    if name in finished or not os.path.isfile(os.path.join(data, name, "manifest.json")):
        continue
    finished[name] = r

# the grids: per source and variant, the smallest IPC, then the lowest data seed
grid = {}
for name, r in sorted(finished.items(), key=lambda kv: (kv[1]["ipc"], kv[1]["data_seed"], kv[0])):
    grid.setdefault((r["source_dataset"], r.get("variant") or r["method"]), name)
grid = set(grid.values())

problems, plan = [], []
for name in sorted(finished):
    src = os.path.join(data, name)
    manifest = json.load(open(os.path.join(src, "manifest.json")))
    problems += absolute_paths(manifest, name + "/manifest.json")
    files = ["manifest.json"]
    if os.path.isfile(os.path.join(src, "cost.json")):
        problems += absolute_paths(json.load(open(os.path.join(src, "cost.json"))), name + "/cost.json")
        files.append("cost.json")
    if name in grid:
        for e in manifest["images"]:
            f = e["file"]
            if os.path.isabs(f) or ".." in f.split("/"):
                problems.append("%s/manifest.json: image file %s is not inside the dataset" % (name, f))
            files.append(f)
    plan.append((name, files))

if problems:
    sys.stderr.write("snapshot: absolute paths in what would be copied (make them relative to the repository "
                     "and rerun); nothing copied:\n  " + "\n  ".join(problems) + "\n")
    sys.exit(1)

images = 0
for name, files in plan:
    for f in files:
        dst = os.path.join(out, name, f)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copyfile(os.path.join(data, name, f), dst)
        images += f.endswith(".png")
print("snapshot: %d datasets (manifest and cost), images of %d for the grids (%d PNGs) -> %s"
      % (len(plan), len(grid), images, out))
PY
