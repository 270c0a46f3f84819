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

expect_error 64 "kvtier: error: --set 'tiers.hbm.eviction=lru,,fifo': an empty value in the list" -- compare -q -o "$WORK/e1" --set tiers.hbm.eviction=lru,,fifo
expect_error 64 "kvtier: error: --set tiers.hbm.eviction: given twice; put every value in one comma list" -- compare -q -o "$WORK/e2" --set tiers.hbm.eviction=lru --set tiers.hbm.eviction=fifo
expect_error 64 "kvtier: error: --sort 'bogus': choose hit, ttft, written or none" -- compare -q --sort bogus
expect_error 78 "kvtier: error: point 2 (tiers.hbm.eviction=lfru): --set tiers.hbm.eviction=lfru: tiers.hbm.eviction: unknown value 'lfru' (did you mean 'lru'?) (choices: lru, fifo, lfu, arc, s3fifo, sieve, slru, 2q, length_aware, tail_first, ttl, belady)" -- compare -q -o "$WORK/e3" --set tiers.hbm.eviction=lru,lfru
[ -e "$WORK/e3" ] && fail "a sweep with a bad point should fail before it creates its results"
finish
