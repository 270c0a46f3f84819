#!/usr/bin/env bash
# The synthetic workload, and an Azure trace with its modelled block ids, written as a
# Mooncake trace and replayed give the same results as running them directly: the writer,
# the readers and the id renumbering lose nothing.
. "$(dirname "$0")/lib.sh"

sets=(-s workload.duration=2min -s workload.conversation_rate=1.5)
"$KVTIER" generate "${sets[@]}" -o "$WORK/chat.jsonl" >/dev/null || fail "generate failed"
"$KVTIER" run -q "${sets[@]}" -o "$WORK/direct" || fail "direct run failed"
"$KVTIER" run -q -t "$WORK/chat.jsonl" -o "$WORK/replay" || fail "replay failed"
stable_summary "$WORK/direct/summary.json" | grep -v '"workload"' >"$WORK/direct.json"
stable_summary "$WORK/replay/summary.json" | grep -v '"workload"' >"$WORK/replay.json"
cmp -s "$WORK/direct.json" "$WORK/replay.json" || fail "replay differs from the direct run: $(diff "$WORK/direct.json" "$WORK/replay.json" | head -6)"
[ "$(wc -l <"$WORK/chat.jsonl")" -gt 100 ] || fail "the generated trace is too short to mean anything"

azure="$(dirname "$0")/../../../shared/traces/azure/AzureLLMInferenceTrace_code.csv"
if [ -f "$azure" ]; then
  "$KVTIER" generate -t "$azure" -o "$WORK/azure.jsonl" >/dev/null || fail "generate from the Azure trace failed"
  [ "$(wc -l <"$WORK/azure.jsonl")" -eq 8819 ] || fail "the converted Azure trace does not have its 8819 requests"
  "$KVTIER" run -q -t "$azure" -o "$WORK/azure_direct" || fail "the Azure run failed"
  "$KVTIER" run -q -t "$WORK/azure.jsonl" -o "$WORK/azure_replay" || fail "the converted Azure replay failed"
  stable_summary "$WORK/azure_direct/summary.json" | grep -v '"workload"' >"$WORK/azure_direct.json"
  stable_summary "$WORK/azure_replay/summary.json" | grep -v '"workload"' >"$WORK/azure_replay.json"
  cmp -s "$WORK/azure_direct.json" "$WORK/azure_replay.json" ||
    fail "the converted Azure replay differs: $(diff "$WORK/azure_direct.json" "$WORK/azure_replay.json" | head -6)"
  grep -q '"prefix_block_weighted": 0\.[0-9]*[1-9]' "$WORK/azure_direct/summary.json" ||
    fail "the Azure run's modelled prefixes gave no hits"
else
  echo "SKIPPED (Azure part): $azure is absent"
fi
finish
