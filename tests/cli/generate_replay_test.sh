#!/usr/bin/env bash
# The synthetic workload written as a Mooncake trace and replayed gives the same results
# as running it directly: the writer, the reader and the id renumbering lose nothing.
. "$(dirname "$0")/lib.sh"

sets=(-s workload.duration=2min -s workload.conversation_rate=1.5)
"$KVTIER" generate "${sets[@]}" -o "$WORK/chat.jsonl" >/dev/null || fail "generate failed"
"$KVTIER" run -q "${sets[@]}" -o "$WORK/direct" || fail "direct run failed"
"$KVTIER" run -q -t "$WORK/chat.jsonl" -o "$WORK/replay" || fail "replay failed"
stable_summary "$WORK/direct/summary.json" | grep -v '"workload"' >"$WORK/direct.json"
stable_summary "$WORK/replay/summary.json" | grep -v '"workload"' >"$WORK/replay.json"
cmp -s "$WORK/direct.json" "$WORK/replay.json" || fail "replay differs from the direct run: $(diff "$WORK/direct.json" "$WORK/replay.json" | head -6)"
[ "$(wc -l <"$WORK/chat.jsonl")" -gt 100 ] || fail "the generated trace is too short to mean anything"
finish
