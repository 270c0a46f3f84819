#!/usr/bin/env bash
# Prints every benchmark figure with its target. Usage: bench/run.sh [BIN_DIR]
# (BIN_DIR defaults to build/release/bin). Figures are medians; the machine is shared and
# noisy, so compare ratios and repeat before drawing conclusions.
set -euo pipefail
bin=${1:-build/release/bin}
root=$(cd "$(dirname "$0")/.." && pwd)
echo "== kvtier benchmarks ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ))"
"$bin/bench_machine"
"$bin/bench_event_queue"
"$bin/bench_cache_replay"
"$bin/bench_policies"
"$bin/bench_hierarchy"
"$bin/bench_mrc"
"$bin/bench_ftl"
"$root/bench/uring_vs_fio.sh" "$bin"

trace="$root/../shared/traces/mooncake/conversation_trace.jsonl"
if [ ! -f "$trace" ]; then
  echo "Mooncake 4-tier replay: SKIPPED ($trace is absent)"
  exit 0
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
walls=()
for i in 1 2 3 4 5; do
  "$bin/kvtier" run -q --config h100-tp4-4tier --trace "$trace" --out "$out/r$i"
  walls+=("$(sed -n 's/.*"wall_s": \([0-9.e+-]*\).*/\1/p' "$out/r$i/summary.json")")
done
sim=$(sed -n 's/.*"sim_duration_ns": \([0-9]*\).*/\1/p' "$out/r1/summary.json")
median=$(printf '%s\n' "${walls[@]}" | sort -g | sed -n 3p)
awk -v w="$median" -v s="$sim" 'BEGIN {
  printf "Mooncake conversation trace, 4 tiers (h100-tp4-4tier), timing on: %.3f s wall (median of 5; target <= 1 s), %.0fx simulated/wall %s\n",
    w, s / 1e9 / w, (w <= 1.0 ? "ok" : "ABOVE TARGET") }'
