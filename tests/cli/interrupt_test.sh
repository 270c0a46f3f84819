#!/usr/bin/env bash
# Ctrl-C stops a run cleanly: exit 130, and summary.json holds what was measured so far,
# marked incomplete.
. "$(dirname "$0")/lib.sh"

"$KVTIER" run -q -o "$WORK/r" -s workload.duration=1000h 2>"$WORK/err" &
pid=$!
# Wait until the run is under way (its resolved configuration is written first).
for _ in $(seq 100); do [ -s "$WORK/r/config.resolved.toml" ] && break; sleep 0.05; done
sleep 0.3
kill -INT "$pid"
wait "$pid"
code=$?
[ "$code" = 130 ] || fail "interrupted run exited $code, expected 130"
grep -q '"complete": false' "$WORK/r/summary.json" || fail "summary.json is not marked incomplete"
grep -q '"error": "interrupted before the workload ended"' "$WORK/r/summary.json" || fail "summary.json does not say why"
[ "$(head -n 1 "$WORK/err")" = "kvtier: error: interrupted before the workload ended" ] || fail "stderr: $(cat "$WORK/err")"
finish
