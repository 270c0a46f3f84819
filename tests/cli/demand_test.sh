#!/usr/bin/env bash
# kvtier demand end to end: from a run and from a compare of placements on a NAND-modelled
# SSD cache, the JSON beside the table, and bad input with one line and a sysexits code.
. "$(dirname "$0")/lib.sh"

ssd="$(dirname "$0")/../support/ssd_cache.toml"  # 2 MiB blocks on a 4 GiB D5-P5336 slice
"$KVTIER" run -q -c "$ssd" --set tiers.ssd.eviction=fifo -o "$WORK/run" || fail "the SSD cache run failed"
"$KVTIER" demand "$WORK/run" --gpus 1000 --growth 0.5 --kv-dtype fp8 --json "$WORK/demand.json" >"$WORK/table" ||
  fail "demand on a run failed"
grep -q "drive: solidigm_d5_p5336_122tb" "$WORK/table" || fail "the table does not name the drive"
grep -q '"set_by"' "$WORK/demand.json" || fail "demand.json lacks the years"
[ "$(grep -c '"year":' "$WORK/demand.json")" = 5 ] || fail "demand.json should hold 5 years"
# This tiny cache is rewritten hundreds of times a day: wear sets the count, and the table says so.
grep -q "wear, not capacity, sets the drive count" "$WORK/table" || fail "wear should set the drive count"

"$KVTIER" compare -q -j 1 --no-bound -c "$ssd" -o "$WORK/cmp" --set tiers.ssd.eviction=fifo --set tiers.ssd.placement=device,log ||
  fail "compare of placements failed"
"$KVTIER" demand "$WORK/cmp" --gpus 1000 >"$WORK/table2" || fail "demand on a compare failed"
grep -q "point 000 ssd(fifo, all, placement device)" "$WORK/table2" || fail "point 000 is missing"
grep -q "point 001 ssd(fifo, all, placement log)" "$WORK/table2" || fail "point 001 is missing"

expect_error 66 "kvtier: error: $WORK/none: holds no summary.json (a run's results) nor points/*/summary.json (a compare's)" -- demand "$WORK/none" --gpus 10
expect_error 64 "kvtier: error: --gpus 0: must be above 0 and at most 1e9" -- demand "$WORK/run" --gpus 0
expect_error 64 "kvtier: error: --gpus nan: must be above 0 and at most 1e9" -- demand "$WORK/run" --gpus nan
expect_error 64 "kvtier: error: --growth inf: must be above -1 and at most 100" -- demand "$WORK/run" --gpus 10 --growth inf
expect_error 64 "kvtier: error: --compression nan: must be above 0 and at most 1e6" -- demand "$WORK/run" --gpus 10 --compression nan
# A fleet whose drive count no longer fits a double's integers (this cache's wear needs
# about 23 drives per 10 GPUs: 1e9 GPUs growing x101 a year pass 2^53 in year 5).
"$KVTIER" demand "$WORK/run" --gpus 1e9 --growth 100 --years 10 >/dev/null 2>"$WORK/err"
[ $? = 64 ] || fail "a fleet beyond 2^53 drives should exit 64"
grep -qx "kvtier: error: year [0-9]*: the fleet would need more than 2^53 drives: --gpus, --growth or --years is too large for the runs' rates" \
  "$WORK/err" || fail "a fleet beyond 2^53 drives: $(cat "$WORK/err")"
expect_error 64 "kvtier: error: --kv-dtype 'fp4': choose bf16 or fp8" -- demand "$WORK/run" --gpus 10 --kv-dtype fp4
expect_error 78 "kvtier: error: --drive ddr5_host: not a drive with its NAND modelled (flash_model = \"nand\"); \`kvtier explain tier\` lists the presets" -- demand "$WORK/run" --gpus 10 --drive ddr5_host
mkdir -p "$WORK/broken" && echo '{"complete": true' >"$WORK/broken/summary.json"
"$KVTIER" demand "$WORK/broken" --gpus 10 >/dev/null 2>"$WORK/err"
[ $? = 65 ] || fail "a truncated summary.json should exit 65"
grep -q "^kvtier: error: $WORK/broken/summary.json: not JSON" "$WORK/err" || fail "bad JSON message: $(cat "$WORK/err")"
sed 's/"tiers": \[/"tiers": 5, "x": [/' "$WORK/run/summary.json" >"$WORK/broken/summary.json"
expect_error 65 "kvtier: error: $WORK/broken/summary.json: tiers: not a list of tiers" -- demand "$WORK/broken" --gpus 10
finish
