#!/usr/bin/env bash
# kvtier mrc end to end: its curve at a capacity equals `kvtier run` of a one-tier LRU cache
# of that capacity (hits read from summary.json); the outputs parse and repeat byte for
# byte; a target's capacity reaches it and one block less does not; sampling and bad
# input.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

"$KVTIER" mrc -q -c cache-only -s workload.duration=3min --points 6 --target 0.5 -o "$WORK/m" || fail "mrc failed"
for f in mrc.csv mrc.json mrc.html config.resolved.toml; do [ -s "$WORK/m/$f" ] || fail "no $f"; done
[ "$(wc -l <"$WORK/m/mrc.csv")" = 7 ] || fail "mrc.csv: expected a header and 6 rows"

# Each row against a run of the cache-only system at that capacity (block hits and prefix hits).
"$PY" - "$WORK/m/mrc.json" >"$WORK/points" <<'PYEOF' || fail "mrc.json does not parse"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["method"] == "exact" and j["complete"] is True and j["version"] == 1
for p in j["points"][:3] + j["points"][-1:]:
    print(p["capacity_blocks"], round(p["block_hit_ratio"] * j["block_accesses"]), round(p["prefix_hit_ratio"] * j["block_accesses"]))
t = j["target"]
print("target", t["capacity_blocks"], t["prefix_hit_ratio"])
PYEOF
hits_of() {  # capacity -> "hits prefix_hits" of a run
  "$KVTIER" run -q --no-bound -c cache-only -s workload.duration=3min -s "tiers.cache.capacity=$1 blocks" -o "$WORK/run$1" ||
    fail "run at $1 blocks failed"
  "$PY" -c 'import json,sys; b=json.load(open(sys.argv[1]))["blocks"]; print(b["hits"], b["prefix_hits"])' "$WORK/run$1/summary.json"
}
while read -r capacity hits prefix; do
  if [ "$capacity" = target ]; then
    target_capacity=$hits
    target=$prefix
    continue
  fi
  [ "$(hits_of "$capacity")" = "$hits $prefix" ] || fail "at $capacity blocks the curve says $hits $prefix, the run $(hits_of "$capacity")"
done <"$WORK/points"
ratio_of() {
  hits_of "$1" >/dev/null
  "$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["hit_ratio"]["prefix_block_weighted"])' "$WORK/run$1/summary.json"
}
"$PY" -c 'import sys; sys.exit(0 if float(sys.argv[1]) >= float(sys.argv[3]) > float(sys.argv[2]) else 1)' \
  "$(ratio_of "$target_capacity")" "$(ratio_of $((target_capacity - 1)))" "$target" ||
  fail "the target's capacity $target_capacity is not the least that reaches $target"

# Deterministic.
"$KVTIER" mrc -q -c cache-only -s workload.duration=3min --points 6 --target 0.5 -o "$WORK/m2" || fail "second mrc failed"
for f in mrc.csv mrc.json mrc.html; do cmp -s "$WORK/m/$f" "$WORK/m2/$f" || fail "$f differs between identical runs"; done

# Given capacities, in bytes and in blocks; sampled, prefix columns are empty.
"$KVTIER" mrc -q -c cache-only -s workload.duration=3min --capacities "1000 blocks,2GiB" --sample-rate 0.5 -o "$WORK/s" ||
  fail "sampled mrc failed"
# 2GiB is 32 blocks of 64 MiB (Llama-3.1-8B, 512 tokens); rows go by capacity.
[ "$(cut -d, -f1,2,4,5 "$WORK/s/mrc.csv" | tail -n +2 | tr '\n' ' ')" = "32,2147483648,, 1000,67108864000,, " ] ||
  fail "sampled: $(tail -n +2 "$WORK/s/mrc.csv" | tr '\n' ' ')"
grep -q '"method": "shards"' "$WORK/s/mrc.json" || fail "sampled mrc.json does not say shards"

expect_error 64 "kvtier: error: --sample-rate 0: expected a share in (0, 1], such as 0.01" -- mrc -q --sample-rate 0 -o "$WORK/e"
expect_error 64 "kvtier: error: --target 1: expected a hit ratio in (0, 1), such as 0.6" -- mrc -q --target 1 -o "$WORK/e"
expect_error 64 "kvtier: error: --capacities '2XB': bad size '2XB': unknown unit 'XB' (use B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB, or blocks)" -- \
  mrc -q --capacities 1GB,2XB -o "$WORK/e"
printf '{"timestamp": 0, "input_length": 10, "output_length": 1, "hash_ids": [1]}\n{"timestamp": 5, "input_length": "x"}\n' >"$WORK/bad.jsonl"
expect_error 65 "kvtier: error: $WORK/bad.jsonl:2: field 'input_length': expected a non-negative integer, got string" -- mrc -q -t "$WORK/bad.jsonl" -o "$WORK/e"
# What was read before the bad line is kept, marked incomplete.
grep -q '"complete": false' "$WORK/e/mrc.json" && grep -q '"requests": 1,' "$WORK/e/mrc.json" &&
  grep -qF '"error": "'"$WORK"'/bad.jsonl:2: field '"'"'input_length'"'"'' "$WORK/e/mrc.json" ||
  fail "a bad trace line: mrc.json should hold the one request before it, incomplete"
expect_error 66 "kvtier: error: cannot open trace '$WORK/absent.jsonl': No such file or directory" -- mrc -q -t "$WORK/absent.jsonl" -o "$WORK/e"
finish
