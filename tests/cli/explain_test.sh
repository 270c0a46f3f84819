#!/usr/bin/env bash
# kvtier explain prints schemas and presets with their sources.
. "$(dirname "$0")/lib.sh"

"$KVTIER" explain >"$WORK/all" || fail "explain failed"
grep -q "hbm3_h100" "$WORK/all" || fail "explain does not list the tier presets"
"$KVTIER" explain tier >"$WORK/tier" || fail "explain tier failed"
grep -qE '^  capacity +size \(bytes\) +required' "$WORK/tier" || fail "explain tier has no capacity row: $(head -5 "$WORK/tier")"
grep -qE '^  s3fifo_small .*\[only with eviction = "s3fifo"\] \[range 0.01 \.\. 0.99\]' "$WORK/tier" ||
  fail "explain tier does not say when and in which range s3fifo_small applies: $(grep s3fifo_small "$WORK/tier")"
"$KVTIER" explain qlc_essd_gen4 >"$WORK/qlc" || fail "explain qlc_essd_gen4 failed"
grep -q 'read_bandwidth = "7.4GB/s"    # source: hardware.md' "$WORK/qlc" || fail "the preset's source comments are missing"
"$KVTIER" explain default | grep -q '^\[tiers.hbm\]' || fail "explain default does not show the system file"
finish
