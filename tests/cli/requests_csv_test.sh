#!/usr/bin/env bash
# requests.csv: a hand-checked cache-only trace row by row; on a timed run, one row per
# request whose parts add up to its TTFT and whose sums are the summary's totals; and the
# rows done before a bad trace line are kept.
. "$(dirname "$0")/lib.sh"

# Three requests through one cache (tests/support/three_requests.jsonl): B repeats A's two
# blocks and adds one; C shares only A's first block.
hand="$(dirname "$0")/../support/three_requests.jsonl"
"$KVTIER" run -q --requests-csv --config cache-only -t "$hand" -o "$WORK/hand" || fail "cache-only run failed"
want="index,session,instance,outcome,arrival_ns,input_tokens,output_tokens,blocks,prefix_hit_blocks,recomputed_tokens,served_cache_tokens,admission_wait_ns,load_ns,compute_wait_ns,prefill_ns,ttft_ns,done_ns
0,,0,completed,0,1024,1,2,0,1024,0,,,,,,
1,,0,completed,5000000,1100,2,3,2,76,1024,,,,,,
2,,0,completed,9000000,600,3,2,1,88,512,,,,,,"
[ "$(cat "$WORK/hand/requests.csv")" = "$want" ] || fail "hand-checked requests.csv was:
$(cat "$WORK/hand/requests.csv")"

# A timed run of the golden system: every request once, TTFT = its parts, totals as summed.
golden="$(dirname "$0")/../golden/small.toml"
"$KVTIER" run -q --requests-csv -c "$golden" -o "$WORK/timed" || fail "timed run failed"
csv="$WORK/timed/requests.csv"
summary="$WORK/timed/summary.json"
total=$(sed -n 's/.*"total": \([0-9]*\).*/\1/p' "$summary")
[ "$(($(wc -l <"$csv") - 1))" = "$total" ] || fail "requests.csv has $(($(wc -l <"$csv") - 1)) rows for $total requests"
[ "$(tail -n +2 "$csv" | cut -d, -f1 | sort -n | uniq | wc -l)" = "$total" ] || fail "a request appears twice"
awk -F, 'NR > 1 && $4 == "completed" && $17 != $13 + $14 + $15 + $16 { exit 1 }' "$csv" ||
  fail "a row's TTFT is not the sum of its parts"
hits=$(sed -n 's/.*"prefix_hits": \([0-9]*\).*/\1/p' "$summary")
[ "$(awk -F, 'NR > 1 { s += $9 } END { print s }' "$csv")" = "$hits" ] || fail "prefix hits do not sum to the summary's $hits"
recomputed=$(sed -n 's/.*"recomputed": \([0-9]*\).*/\1/p' "$summary")
[ "$(awk -F, 'NR > 1 { s += $10 } END { print s }' "$csv")" = "$recomputed" ] || fail "recomputed tokens do not sum to $recomputed"
mean=$(sed -n '/"ttft_ns"/,/}/s/.*"mean": \([0-9.e+]*\).*/\1/p' "$summary")
awk -F, -v want="$mean" 'NR > 1 { s += $17; n++ } END { d = s / n - want; exit (d < -1 || d > 1) }' "$csv" ||
  fail "the rows' mean TTFT is not the summary's $mean ns"

# A bad line: the request before it is kept.
printf '%s\n' '{"timestamp": 0, "input_length": 600, "output_length": 5, "hash_ids": [1, 2]}' '{"timestamp": 1,' >"$WORK/bad.jsonl"
"$KVTIER" run -q --requests-csv --config cache-only -t "$WORK/bad.jsonl" -o "$WORK/bad" 2>/dev/null
[ $? = 65 ] || fail "a bad trace line should exit 65"
[ "$(wc -l <"$WORK/bad/requests.csv")" = 2 ] || fail "requests.csv lost the request before the bad line"
finish
