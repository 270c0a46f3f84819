#!/usr/bin/env bash
# kvtier calibrate on a real file: a row per point measured, a preset that kvtier run
# takes, and bad arguments refused with one line.
. "$(dirname "$0")/lib.sh"

(cd "$WORK" && "$KVTIER" calibrate --path "$WORK/dev.data" --size 64MiB --seconds 0.1 --block-sizes 4KiB,1MiB \
  --queue-depths 1,4 -o "$WORK/cal.toml") >"$WORK/out" 2>"$WORK/err" || fail "calibrate failed: $(cat "$WORK/err")"
[ "$(grep -c -E '^  rand(read|write) ' "$WORK/out")" = 8 ] || fail "expected 8 measured points: $(cat "$WORK/out")"
for key in medium capacity read_bandwidth write_bandwidth read_latency write_latency; do
  grep -q "^$key = " "$WORK/cal.toml" || fail "the preset has no $key"
done
grep -q '^capacity = "64MiB"' "$WORK/cal.toml" || fail "capacity: $(grep capacity "$WORK/cal.toml")"
"$KVTIER" run -q --set tiers.qlc.preset="$WORK/cal.toml" -o "$WORK/r" || fail "kvtier run does not take the preset"
grep -q '"capacity_bytes": 268435456' "$WORK/r/summary.json" || fail "the run did not use the calibrated capacity (4 x 64 MiB)"

expect_error 64 "kvtier: error: --block-sizes '3KiB': a multiple of 4KiB, at most --size" -- \
  calibrate --path "$WORK/dev.data" --size 64MiB --block-sizes 3KiB
expect_error 64 "kvtier: error: --queue-depths '0': whole numbers from 1 to 1024" -- \
  calibrate --path "$WORK/dev.data" --size 64MiB --queue-depths 0
expect_error 64 "kvtier: error: --size '12parsecs': bad size '12parsecs': unknown unit 'parsecs' (use B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB, or blocks)" -- \
  calibrate --path "$WORK/dev.data" --size 12parsecs
expect_error 64 "kvtier: error: --seconds inf: must be above 0 and at most 3600" -- \
  calibrate --path "$WORK/dev.data" --size 64MiB --seconds inf
expect_error 64 "kvtier: error: --seconds nan: must be above 0 and at most 3600" -- \
  calibrate --path "$WORK/dev.data" --size 64MiB --seconds nan
finish
