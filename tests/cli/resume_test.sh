#!/usr/bin/env bash
# A real-backed run killed with kill -9, then resumed: the rerun starts with every flash
# block that survived intact already in its tier, finishes, and leaves a directory that
# verifies complete. A directory that is not a run, or a system that is not the run's,
# is refused.
. "$(dirname "$0")/lib.sh"

"$KVTIER" "${BACKED_RUN[@]}" --ack written -o "$WORK/r" &
pid=$!
# Kill it once some blocks have reached the QLC tier's file.
for _ in $(seq 200); do
  [ -f "$WORK/r/backing/qlc-0.data" ] && [ "$(du -k "$WORK/r/backing/qlc-0.data" | cut -f1)" -gt 20000 ] && break
  sleep 0.02
done
kill -9 "$pid" 2>/dev/null || fail "the run ended before it could be killed"
wait "$pid" 2>/dev/null
[ -f "$WORK/r/summary.json" ] && fail "a killed run wrote summary.json"
"$KVTIER" verify "$WORK/r" >"$WORK/v1" 2>&1 || fail "verify after the kill: $(cat "$WORK/v1")"
intact=$(sed -n 's/.*blocks listed: \([0-9]*\) intact.*/\1/p' "$WORK/v1")
[ "${intact:-0}" -gt 0 ] || fail "nothing survived to resume: $(cat "$WORK/v1")"

"$KVTIER" run -q --resume "$WORK/r" || fail "the resumed run failed"
grep -q '"complete": true' "$WORK/r/summary.json" || fail "the resumed run's summary is incomplete"
grep -q "\"restored_blocks\": $intact," "$WORK/r/summary.json" || fail "expected $intact blocks restored: $(grep -A2 resumed "$WORK/r/summary.json")"
grep -q '"dropped_blocks": 0' "$WORK/r/summary.json" || fail "blocks were dropped"
grep -q '"ack": "written"' "$WORK/r/summary.json" || fail "the resumed run did not keep the earlier ack level"
"$KVTIER" verify "$WORK/r" >"$WORK/v2" 2>&1 || fail "verify after the resumed run: $(cat "$WORK/v2")"
grep -q '0 missing, 0 corrupt (run complete, ack written)' "$WORK/v2" || fail "verify: $(cat "$WORK/v2")"

mkdir -p "$WORK/plain"
expect_error 66 "kvtier: error: --resume $WORK/plain: not a results directory (no config.resolved.toml)" -- \
  run -q --resume "$WORK/plain"
"$KVTIER" run -q --resume "$WORK/r" --set tiers.qlc.capacity=200GB -o "$WORK/other" 2>"$WORK/err"
code=$?
[ "$code" = 78 ] && grep -q "are not this system's" "$WORK/err" || fail "a resume on another system: exit $code, $(cat "$WORK/err")"
finish
