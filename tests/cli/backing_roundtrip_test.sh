#!/usr/bin/env bash
# A real-backed replay of the first 400 requests of the Mooncake conversation trace through
# four tiers, then verify: every block the directory lists is read back from its file and
# compared, header, checksum and content, with what was written.
. "$(dirname "$0")/lib.sh"

trace="$(dirname "$0")/../../../shared/traces/mooncake/conversation_trace.jsonl"
[ -f "$trace" ] || { echo "SKIPPED: $trace is absent"; exit 77; }
head -n 400 "$trace" >"$WORK/slice.jsonl"
"$KVTIER" run -q --config h100-tp4-4tier --trace "$WORK/slice.jsonl" --set tiers.hbm.capacity=20GB \
  --set tiers.ddr.capacity=100GB --set tiers.qlc.capacity=400GB --backing real --backing-scale 1/4096 \
  --ack durable -o "$WORK/r" || fail "the backed replay failed"
grep -q '"ack": "durable"' "$WORK/r/summary.json" || fail "summary.json does not say the ack level"
"$KVTIER" verify "$WORK/r" >"$WORK/verify" 2>&1 || fail "verify failed: $(cat "$WORK/verify")"
written=$(sed -n '/"name": "qlc"/,/}/s/.*"acked_frames": \([0-9]*\).*/\1/p' "$WORK/r/summary.json" | tail -n 1)
evicted=$(sed -n '/"name": "qlc"/,/"cost_usd"/s/.*"evicted_blocks": \([0-9]*\).*/\1/p' "$WORK/r/summary.json" | head -n 1)
expect=$((written - evicted))
grep -q ": $expect blocks listed: $expect intact, 0 missing, 0 corrupt (run complete, ack durable)" "$WORK/verify" ||
  fail "expected $expect intact blocks ($written written, $evicted evicted): $(cat "$WORK/verify")"
[ "$expect" -gt 1000 ] || fail "the replay wrote too little to the QLC tier to test anything ($expect blocks)"
finish
