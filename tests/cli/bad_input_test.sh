#!/usr/bin/env bash
# Every kind of bad input gets one clear line and its sysexits code.
. "$(dirname "$0")/lib.sh"

line() { printf '%s\n' "$@"; }
good='{"timestamp": 0, "input_length": 600, "output_length": 5, "hash_ids": [1, 2]}'
trace() { local f="$WORK/$1"; shift; line "$good" "$@" >"$f"; echo "$f"; }

t=$(trace malformed.jsonl '{"timestamp": 1, "input_length": 600,')
expect_error 65 "kvtier: error: $t:2: malformed JSON: column 38: syntax error while parsing object key - unexpected end of input; expected string literal" -- run -q -o "$WORK/r1" -t "$t"
t=$(trace missing.jsonl '{"timestamp": 1, "output_length": 5, "hash_ids": [1, 2]}')
expect_error 65 "kvtier: error: $t:2: field 'input_length': missing" -- run -q -o "$WORK/r2" -t "$t"
t=$(trace negative.jsonl '{"timestamp": 1, "input_length": 600, "output_length": -5, "hash_ids": [1, 2]}')
expect_error 65 "kvtier: error: $t:2: field 'output_length': -5 is negative" -- run -q -o "$WORK/r3" -t "$t"
t=$(trace length.jsonl '{"timestamp": 1, "input_length": 1600, "output_length": 5, "hash_ids": [1, 2]}')
expect_error 65 "kvtier: error: $t:2: field 'hash_ids': 2 ids, but input_length 1600 needs 4 blocks of 512 tokens" -- run -q -o "$WORK/r4" -t "$t"
t=$(trace backwards.jsonl '{"timestamp": 5, "input_length": 600, "output_length": 5, "hash_ids": [1, 2]}' '{"timestamp": 4, "input_length": 600, "output_length": 5, "hash_ids": [1, 2]}')
expect_error 65 "kvtier: error: $t:3: field 'timestamp': 4 ms is before the previous request's 5 ms (the trace must be sorted by time)" -- run -q -o "$WORK/r5" -t "$t"
# What was measured before the bad line is kept, and marked incomplete.
grep -q '"complete": false' "$WORK/r5/summary.json" || fail "r5/summary.json is not marked incomplete"
grep -q '"total": 2' "$WORK/r5/summary.json" || fail "r5/summary.json lost the requests before the bad line"
grep -q '"completed": 2' "$WORK/r5/summary.json" || fail "r5: the requests before the bad line did not run to the end"
[ -s "$WORK/r5/config.resolved.toml" ] || fail "r5/config.resolved.toml is missing"

# An Azure CSV (by its name): the same, field by field.
printf 'TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.9799600,4808,10\n2023-11-16 18:17:04.1,4808,x\n' >"$WORK/bad.csv"
expect_error 65 "kvtier: error: $WORK/bad.csv:3: field 'GeneratedTokens': 'x' is not a whole number of tokens" -- run -q -o "$WORK/r7" -t "$WORK/bad.csv"
grep -q '"completed": 1' "$WORK/r7/summary.json" || fail "r7: the request before the bad line did not run to the end"
printf '{"timestamp": 0}\n' >"$WORK/json.csv"
expect_error 65 "kvtier: error: $WORK/json.csv:1: expected the Azure trace header 'TIMESTAMP,ContextTokens,GeneratedTokens', got '{\"timestamp\": 0}'" -- run -q -o "$WORK/r8" -t "$WORK/json.csv"
expect_error 78 "kvtier: error: --set workload.continue_share=1.5: workload.continue_share: 1.5 is out of range [0, 1]" -- run -q -t "$WORK/bad.csv" -s workload.continue_share=1.5

expect_error 66 "kvtier: error: cannot open trace '$WORK/none.jsonl': No such file or directory" -- run -q -o "$WORK/r6" -t "$WORK/none.jsonl"
expect_error 66 "kvtier: error: cannot open '$WORK/none.toml': no such file or not readable" -- run -q -c "$WORK/none.toml"
mkdir -p "$WORK/adir.csv"
expect_error 66 "kvtier: error: cannot read trace '$WORK/adir.csv': a directory, not a file" -- run -q -o "$WORK/r6" -t "$WORK/adir.csv"
expect_error 66 "kvtier: error: cannot read trace '$WORK': a directory, not a file" -- run -q -o "$WORK/r6" -t "$WORK"
expect_error 66 "kvtier: error: cannot read '$WORK': a directory, not a file" -- run -q -c "$WORK"

printf '[system]\ntiers = ["hbm"]\nnmae = "x"\n' >"$WORK/unknown.toml"
expect_error 78 "kvtier: error: $WORK/unknown.toml:3:1: system: unknown key 'nmae' (did you mean 'name'?) (\`kvtier explain system\` lists the keys)" -- run -q -c "$WORK/unknown.toml"
printf '[system]\ntiers = ["hbm"]\ntiers = ["ddr"]\n' >"$WORK/dup.toml"
expect_error 78 "kvtier: error: $WORK/dup.toml:3:9: duplicate key: cannot redefine existing array 'tiers'" -- run -q -c "$WORK/dup.toml"
expect_error 78 "kvtier: error: --set tiers.hbm.capacity=64GX: tiers.hbm.capacity: bad size '64GX': unknown unit 'GX' (use B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB, or blocks)" -- run -q -s tiers.hbm.capacity=64GX
expect_error 78 "kvtier: error: --set tiers.pcie.bandwidth=1: tiers.pcie: unknown key 'bandwidth' (\`kvtier explain tier\` lists the keys)" -- run -q -s tiers.pcie.bandwidth=1
expect_error 64 "kvtier: error: --set 'capacity': expected path=value, e.g. tiers.hbm.capacity=64GiB" -- run -q -s capacity
expect_error 64 "kvtier: error: The following argument was not expected: --frobnicate (kvtier --help)" -- run --frobnicate
expect_error 64 "kvtier: error: explain: no component or preset named 'teir' (did you mean 'tier'?); \`kvtier explain\` lists them" -- explain teir
finish
