#!/usr/bin/env bash
# metrics.prom: the text exposition format's grammar line by line, one TYPE line per
# family right before its samples, no series twice, one sample per number of summary.json,
# values equal to summary.json's (nanoseconds as seconds), and the same bytes run to run.
. "$(dirname "$0")/lib.sh"

"$KVTIER" run -q -o "$WORK/a" || fail "run failed"
"$KVTIER" run -q -o "$WORK/b" || fail "second run failed"
prom="$WORK/a/metrics.prom"
summary="$WORK/a/summary.json"
[ -s "$prom" ] || fail "no metrics.prom"
cmp -s "$prom" "$WORK/b/metrics.prom" || fail "metrics.prom differs between two runs of the same inputs"

name='[a-zA-Z_:][a-zA-Z0-9_:]*'
label='[a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*"'
value='(-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?|NaN|[+-]Inf)'
bad=$(grep -Ev "^(# TYPE $name (gauge|counter)|$name(\{$label(,$label)*\})? $value)\$" "$prom")
[ -z "$bad" ] || fail "lines outside the text format:
$bad"
awk '/^# TYPE / { if (seen[$3]++) { print "family twice: " $3; exit 1 } family = $3; next }
     { n = $1; sub(/\{.*/, "", n); if (n != family) { print "sample outside its family: " $0; exit 1 } }' "$prom" ||
  fail "families are not each one block under their TYPE line"
dups=$(grep -v '^#' "$prom" | sed 's/ [^ ]*$//' | sort | uniq -d)
[ -z "$dups" ] || fail "series given twice: $dups"

# Every number (and boolean) of summary.json but the run section is one sample.
numbers=$(stable_summary "$summary" | grep -cE '": (-?[0-9]|true|false)')
samples=$(grep -v '^#' "$prom" | grep -vc '_info[{ ]')
[ "$numbers" = "$samples" ] || fail "$samples samples for the $numbers numbers of summary.json"

sample() { grep -F "$1 " "$prom" | grep -v '^#' | awk '{ print $NF }'; }
json_num() { sed -n "s/^ *\"$1\": \([-0-9.e+]*\),\{0,1\}$/\1/p" "$summary" | sed -n "${2:-1}p"; }
same() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; m = (b < 0 ? -b : b); exit !(d <= 1e-12 * m) }'; }
[ "$(sample kvtier_requests_total)" = "$(json_num total)" ] || fail "requests: $(sample kvtier_requests_total)"
grep -qx '# TYPE kvtier_requests_total counter' "$prom" || fail "kvtier_requests_total is not typed a counter"
[ "$(grep '^# TYPE' "$prom" | grep -v '_total ' | grep -vc ' gauge$')" = 0 ] || fail "a name not ending _total is not a gauge"
same "$(sample kvtier_ttft_p50_seconds)" "$(json_num p50)e-9" ||
  fail "TTFT p50 $(sample kvtier_ttft_p50_seconds) s against $(json_num p50) ns"
same "$(sample kvtier_ttft_parts_mean_load_seconds)" "$(json_num load)e-9" || fail "mean load time"
[ "$(sample 'kvtier_tier_read_bytes{tier="hbm"}')" = "$(json_num read_bytes 1)" ] || fail "hbm read bytes"
[ "$(sample 'kvtier_tier_written_bytes{tier="qlc"}')" = "$(json_num written_bytes 3)" ] || fail "qlc written bytes"
same "$(sample kvtier_energy_joules)" "$(sed -n 's/^  "energy_j": \(.*\),$/\1/p' "$summary")" || fail "energy"
grep -qF 'kvtier_tier_info{tier="qlc",medium="flash",scope="node",eviction="lru",admission="all",write_policy="back"} 1' \
  "$prom" || fail "no info series for the qlc tier"
grep -q 'wall\|_ns' "$prom" && fail "wall-clock figures or nanoseconds in metrics.prom"
finish
