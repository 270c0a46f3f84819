#!/usr/bin/env bash
# timeseries.csv: a hand-checked cache-only trace interval by interval, also on an epoch's
# clock; a million rows at most; on a timed run of four tiers, contiguous intervals whose
# growths add up to the summary's totals.
. "$(dirname "$0")/lib.sh"

# Requests at 0, 5 and 9 ms (tests/support/three_requests.jsonl) in intervals of 4 ms:
# [0, 4) has the first, [4, 8) the second (two prefix hits of three blocks), and the run
# ends inside [8, 12) at 9 ms with the third.
hand="$(dirname "$0")/../support/three_requests.jsonl"
"$KVTIER" run -q --timeseries 4ms --config cache-only -t "$hand" -o "$WORK/hand" || fail "cache-only run failed"
got=$(cut -d, -f1-8 "$WORK/hand/timeseries.csv")
want="start_ns,end_ns,admitted,completed,block_accesses,prefix_hit_blocks,first_tokens,ttft_mean_ns
0,4000000,1,1,2,0,0,
4000000,8000000,1,1,3,2,0,
8000000,9000000,1,1,2,1,0,"
[ "$got" = "$want" ] || fail "hand-checked timeseries.csv was:
$got"

# The same requests on an epoch's clock (1.7e12 ms, late 2023): the rows start at the
# interval of the first arrival, not at zero (which would be 4e11 empty rows).
sed 's/"timestamp": \([0-9]*\)/"timestamp": 170000000000\1/' "$hand" >"$WORK/epoch.jsonl"
"$KVTIER" run -q --timeseries 4ms --config cache-only -t "$WORK/epoch.jsonl" -o "$WORK/epoch" || fail "epoch run failed"
got=$(cut -d, -f1-8 "$WORK/epoch/timeseries.csv")
want="start_ns,end_ns,admitted,completed,block_accesses,prefix_hit_blocks,first_tokens,ttft_mean_ns
1700000000000000000,1700000000004000000,1,1,2,0,0,
1700000000004000000,1700000000008000000,1,1,3,2,0,
1700000000008000000,1700000000009000000,1,1,2,1,0,"
[ "$got" = "$want" ] || fail "timeseries.csv of an epoch-clocked trace was:
$got"

# An interval far too short for the run (1 us of a 10-minute workload): it stops at a
# million rows with one line and exit 64, the summary written and marked incomplete, and
# report.html draws the rows merged (1,000 intervals to a point), not a million points.
"$KVTIER" run -q --timeseries 1us -s workload.duration=2min -o "$WORK/short" 2>"$WORK/short.err"
code=$?
[ "$code" = 64 ] || fail "--timeseries 1us exited $code, expected 64"
grep -qx 'kvtier: error: --timeseries 1us: 1000000 intervals by [0-9.]* s of simulated time, the most a run writes; a longer interval covers the whole run' \
  "$WORK/short.err" || fail "--timeseries 1us: $(cat "$WORK/short.err")"
[ "$(wc -l <"$WORK/short/timeseries.csv")" = 1000001 ] || fail "timeseries.csv should keep its million rows"
grep -q '"complete": false' "$WORK/short/summary.json" || fail "the summary should be marked incomplete"
grep -q '"sim_duration_ns": [0-9]' "$WORK/short/summary.json" || fail "the stopped run's duration should not be negative"
grep -q '1000 intervals to a point' "$WORK/short/report.html" || fail "report.html should merge the intervals"
[ "$(stat -c %s "$WORK/short/report.html")" -lt 1000000 ] || fail "report.html is $(stat -c %s "$WORK/short/report.html") bytes"

# The Mooncake trace through four tiers, in 10-minute intervals.
trace="$(dirname "$0")/../../../shared/traces/mooncake/conversation_trace.jsonl"
[ -f "$trace" ] || { echo "SKIPPED (timed part): $trace is absent"; finish; }
"$KVTIER" run -q --timeseries 10min --config h100-tp4-4tier -t "$trace" -o "$WORK/timed" || fail "timed run failed"
csv="$WORK/timed/timeseries.csv"
summary="$WORK/timed/summary.json"
awk -F, 'NR > 2 && $1 != end { exit 1 } { end = $2 }' "$csv" || fail "the intervals are not contiguous"
column_sum() { awk -F, -v c="$1" 'NR > 1 { s += $c } END { printf "%.0f\n", s }' "$csv"; }
column_of() { head -n 1 "$csv" | tr , '\n' | grep -nx "$1" | cut -d: -f1; }
json_int() { sed -n "s/.*\"$1\": \([0-9]*\).*/\1/p" "$summary" | sed -n "${2:-1}p"; }
[ "$(column_sum 3)" = "$(json_int completed)" ] || fail "admitted sums to $(column_sum 3), not the $(json_int completed) requests"
[ "$(column_sum 4)" = "$(json_int completed)" ] || fail "completed sums to $(column_sum 4)"
[ "$(column_sum 5)" = "$(json_int accessed)" ] || fail "block accesses sum to $(column_sum 5), not $(json_int accessed)"
[ "$(column_sum 6)" = "$(json_int prefix_hits)" ] || fail "prefix hits sum to $(column_sum 6)"
# Per tier, in the summary's tier order: written bytes and transfers sum to the totals, and
# the intervals' mean latencies, weighted by their transfers, give the run's mean (each
# interval's is rounded down: within a nanosecond).
k=0
for tier in hbm ddr qlc pool; do
  k=$((k + 1))
  col=$(column_of "${tier}_written_bytes")
  [ "$(column_sum "$col")" = "$(json_int written_bytes $k)" ] ||
    fail "$tier's written bytes sum to $(column_sum "$col"), not $(json_int written_bytes $k)"
  for dir in read write; do
    n=$(column_of "${tier}_${dir}_transfers")
    [ "$(column_sum "$n")" = "$(json_int ${dir}_transfers $k)" ] ||
      fail "$tier's $dir transfers sum to $(column_sum "$n"), not $(json_int ${dir}_transfers $k)"
    m=$(column_of "${tier}_${dir}_latency_mean_ns")
    weighted=$(awk -F, -v n="$n" -v m="$m" 'NR > 1 && $n > 0 { s += $n * $m; c += $n } END { if (c) printf "%.3f\n", s / c }' "$csv")
    mean=$(python3 -c "import json,sys; t=json.load(open(sys.argv[1]))['tiers'][$((k - 1))]['${dir}_latency_ns']; print(t['mean'] if t else '')" "$summary")
    [ -n "$mean" ] || fail "$tier has no $dir latency in summary.json"
    python3 -c "import sys; sys.exit(0 if 0 <= float(sys.argv[2]) - float(sys.argv[1]) < 1 else 1)" "$weighted" "$mean" ||
      fail "$tier's $dir latency: the intervals give $weighted ns, the summary $mean ns"
  done
done
last_end=$(tail -n 1 "$csv" | cut -d, -f2)
[ "$last_end" = "$(json_int sim_duration_ns)" ] || fail "the last interval ends at $last_end, not at the run's end"
expect_error 64 "kvtier: error: --timeseries '0s': must be above 0" -- run -q --timeseries 0s
finish
