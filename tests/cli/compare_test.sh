#!/usr/bin/env bash
# kvtier compare: every combination runs, each point reruns alone to the same summary
# (Belady bound included), the order is the requested one, the outputs do not depend on
# the thread count, and bad sweeps get one line.
. "$(dirname "$0")/lib.sh"

sweep=(--set tiers.hbm.eviction=lru,fifo --set tiers.ddr.admission=all,frequency)
"$KVTIER" compare -q -j 1 -o "$WORK/j1" "${sweep[@]}" || fail "compare -j 1 failed"
"$KVTIER" compare -q -j 2 -o "$WORK/j2" "${sweep[@]}" || fail "compare -j 2 failed"
[ "$(wc -l <"$WORK/j1/compare.csv")" = 5 ] || fail "compare.csv should have a header and 4 rows"
cmp -s "$WORK/j1/compare.csv" "$WORK/j2/compare.csv" || fail "compare.csv depends on the thread count"
cmp -s <(sed '/"run": {/,/}/d' "$WORK/j1/compare.json") <(sed '/"run": {/,/}/d' "$WORK/j2/compare.json") ||
  fail "compare.json depends on the thread count"

# Every combination, once.
combos=$(tail -n +2 "$WORK/j1/compare.csv" | cut -d, -f1,2 | sort | tr '\n' ' ')
[ "$combos" = "fifo,all fifo,frequency lru,all lru,frequency " ] || fail "combinations were: $combos"

# Sorted by prefix hit ratio (column 3), highest first; --sort none keeps sweep order.
tail -n +2 "$WORK/j1/compare.csv" | cut -d, -f3 | sort -g -r -c || fail "rows are not sorted by prefix hit ratio"
"$KVTIER" compare -q -o "$WORK/none" --sort none "${sweep[@]}" || fail "compare --sort none failed"
order=$(tail -n +2 "$WORK/none/compare.csv" | cut -d, -f1,2 | tr '\n' ' ')
[ "$order" = "lru,all lru,frequency fifo,all fifo,frequency " ] || fail "--sort none order was: $order"

# A point reruns alone, from its resolved configuration, to the same summary.
"$KVTIER" run -q -c "$WORK/j1/points/002/config.resolved.toml" -o "$WORK/rerun" || fail "rerunning point 2 failed"
cmp -s <(stable_summary "$WORK/j1/points/002/summary.json") <(stable_summary "$WORK/rerun/summary.json") ||
  fail "point 2 does not rerun to the same summary"
cmp -s "$WORK/j1/points/002/metrics.prom" "$WORK/rerun/metrics.prom" || fail "point 2 does not rerun to the same metrics.prom"
grep -q '^eviction = "fifo"' "$WORK/j1/points/002/config.resolved.toml" || fail "point 2 should be fifo"
# That includes the Belady bound, which run works out too, unless told not to.
grep -q '"belady_bound"' "$WORK/rerun/summary.json" || fail "run did not report the Belady bound"
"$KVTIER" run -q --no-bound -c "$WORK/j1/points/002/config.resolved.toml" -o "$WORK/nobound" || fail "run --no-bound failed"
grep -q '"belady_bound"' "$WORK/nobound/summary.json" && fail "run --no-bound reported a Belady bound"

# The Belady bound is at least every point's prefix hit ratio (columns 3 and 6).
awk -F, 'NR > 1 && $6 + 0 < $3 + 0 { exit 1 }' "$WORK/j1/compare.csv" || fail "a point beats its Belady bound"

# The cheapest point meeting every requirement, checked against the points' own summaries.
"$KVTIER" compare -q -c cache-only -s "tiers.cache.capacity=50 blocks,200 blocks,1000 blocks,5000 blocks" \
  -s workload.duration=5min --sort cost --require "prefix_hit>=0.6" --require "block_hit>=40%" -o "$WORK/req" ||
  fail "compare --require failed"
/usr/bin/python3 - "$WORK/req/compare.json" <<'PYEOF' || fail "compare --require named the wrong point"
import json, sys
j = json.load(open(sys.argv[1]))
costs = [p["summary"]["cost_usd"] for p in j["points"]]
assert costs == sorted(costs), "not sorted by cost"
meets = [p for p in j["points"] if p["summary"]["hit_ratio"]["prefix_block_weighted"] >= 0.6
         and p["summary"]["hit_ratio"]["block"] >= 0.4]
assert 0 < len(meets) < len(j["points"]), "the requirement should split the points"
best = min(meets, key=lambda p: p["summary"]["cost_usd"])
assert j["best_meeting_requirements"] == best["settings"], (j["best_meeting_requirements"], best["settings"])
assert all((p in meets) == (p["shortfalls"] == []) for p in j["points"])
PYEOF
[ "$(tail -n +2 "$WORK/req/compare.csv" | awk -F, '{print $NF}' | tr '\n' ' ')" = "false false true true " ] ||
  fail "compare.csv's meets_requirements column"
grep -qF "<p>Best meeting prefix_hit&gt;=0.6, block_hit&gt;=40%: #3 (tiers.cache.capacity=1000 blocks" "$WORK/req/compare.html" ||
  fail "compare.html does not name the best point meeting the requirements"
"$KVTIER" compare -c cache-only -s "tiers.cache.capacity=50 blocks,200 blocks" -s workload.duration=1min \
  --require "ttft_p99<=1s" -o "$WORK/req2" >"$WORK/req2.out" || fail "compare --require ttft with timing off failed"
grep -q "no point meets ttft_p99<=1s" "$WORK/req2.out" || fail "a TTFT requirement with timing off should meet nothing"
grep -q "ttft_p99: not measured (timing off)" "$WORK/req2.out" || fail "the table should say why"
# A tier's transfer latency: the DDR's write-back at three bandwidths, the point meeting it
# checked against the points' own summaries.
"$KVTIER" compare -q -s tiers.hbm.capacity=4GB -s tiers.ddr.write_bandwidth=1GB/s,10GB/s,100GB/s \
  -s workload.duration=2min --no-bound --sort cost --require "ddr.write_p99<=20ms" -o "$WORK/req3" ||
  fail "compare --require ddr.write_p99 failed"
/usr/bin/python3 - "$WORK/req3/compare.json" <<'PYEOF' || fail "compare --require ddr.write_p99 named the wrong point"
import json, sys
j = json.load(open(sys.argv[1]))
def p99(p):
    ddr = [t for t in p["summary"]["tiers"] if t["name"] == "ddr"][0]
    return ddr["write_latency_ns"]["p99"]
meets = [p for p in j["points"] if p99(p) <= 20e6]
assert 0 < len(meets) < len(j["points"]), [p99(p) for p in j["points"]]
assert all((p in meets) == (p["shortfalls"] == []) for p in j["points"])
assert j["best_meeting_requirements"] == min(meets, key=lambda p: p["summary"]["cost_usd"])["settings"]
PYEOF
expect_error 64 "kvtier: error: --require 'qlcx.write_p99<=1s': the system has no tier 'qlcx' (its tiers: hbm, ddr, qlc)" -- \
  compare -q -o "$WORK/e4" --require "qlcx.write_p99<=1s"
expect_error 64 "kvtier: error: --require 'ttft_p99<200ms': expected METRIC<=LIMIT or METRIC>=LIMIT, e.g. ttft_p99<=200ms" -- \
  compare -q --require "ttft_p99<200ms"
expect_error 64 "kvtier: error: --require 'prefix_hit>=1.5': expected a ratio in [0, 1] or a percentage" -- \
  compare -q --require "prefix_hit>=1.5"
expect_error 64 "kvtier: error: --set 'tiers.hbm.eviction=lru,,fifo': an empty value in the list" -- compare -q -o "$WORK/e1" --set tiers.hbm.eviction=lru,,fifo
expect_error 64 "kvtier: error: --set tiers.hbm.eviction: given twice; put every value in one comma list" -- compare -q -o "$WORK/e2" --set tiers.hbm.eviction=lru --set tiers.hbm.eviction=fifo
expect_error 64 "kvtier: error: --sort 'bogus': choose hit, ttft, written, cost or none" -- compare -q --sort bogus
expect_error 64 "kvtier: error: --jobs: Value -1 not in range 0 to 4096 (kvtier --help)" -- compare -q -j -1
expect_error 78 "kvtier: error: point 2 (tiers.hbm.eviction=lfru): --set tiers.hbm.eviction=lfru: tiers.hbm.eviction: unknown value 'lfru' (did you mean 'lru'?) (choices: lru, fifo, lfu, arc, s3fifo, sieve, slru, 2q, length_aware, tail_first, ttl, belady)" -- compare -q -o "$WORK/e3" --set tiers.hbm.eviction=lru,lfru
[ -e "$WORK/e3" ] && fail "a sweep with a bad point should fail before it creates its results"
finish
