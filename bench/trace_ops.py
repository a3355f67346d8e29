"""Self time per operator from a libtorch Chrome trace (`condense throughput --trace FILE`).

A nested operator's time is charged to it, not to its caller (self time), as PyTorch's
profiler tables do. Prints the top operators in ms per step.
    python3 bench/trace_ops.py FILE STEPS [TOP]
"""
import json
import sys
from collections import defaultdict


def main():
    path, steps = sys.argv[1], int(sys.argv[2])
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 25
    data = json.load(open(path))
    events = data["traceEvents"] if isinstance(data, dict) else data
    by_thread = defaultdict(list)
    for e in events:
        if e.get("ph") == "X" and "dur" in e:
            by_thread[e.get("tid")].append(e)
    self_us, calls = defaultdict(float), defaultdict(int)
    for evs in by_thread.values():
        evs.sort(key=lambda e: (e["ts"], -e["dur"]))
        stack = []  # (end, name)
        for e in evs:
            while stack and stack[-1][0] <= e["ts"]:
                stack.pop()
            if stack:
                self_us[stack[-1][1]] -= e["dur"]
            self_us[e["name"]] += e["dur"]
            calls[e["name"]] += 1
            stack.append((e["ts"] + e["dur"], e["name"]))
    total = sum(self_us.values())
    print(f"| operator | ms per step | calls per step | share |\n|---|---|---|---|")
    for name, us in sorted(self_us.items(), key=lambda kv: -kv[1])[:top]:
        print(f"| {name} | {us / 1000 / steps:.2f} | {calls[name] / steps:.0f} | {100 * us / total:.1f}% |")
    print(f"| total | {total / 1000 / steps:.2f} | | 100% |")


if __name__ == "__main__":
    main()
