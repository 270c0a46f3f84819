#!/usr/bin/env bash
# kill -9 at a random moment of a real-backed run, then verify against its ack log: every
# block acknowledged at the `written` level (and not removed since) must be intact.
# KVTIER_CRASH_ITERATIONS sets the count (default 20; the soak runs 200).
. "$(dirname "$0")/lib.sh"

iterations=${KVTIER_CRASH_ITERATIONS:-20}
killed=0
acknowledged=0
for i in $(seq "$iterations"); do
  dir="$WORK/i$i"
  "$KVTIER" "${BACKED_RUN[@]}" --ack written --ack-log "$WORK/ack.$i" -o "$dir" 2>"$WORK/err.$i" &
  pid=$!
  sleep "$(awk -v r="$RANDOM" 'BEGIN { printf "%.3f", 0.2 + (r % 1400) / 1000 }')"
  kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
  wait "$pid" 2>/dev/null
  [ -f "$WORK/ack.$i" ] || { fail "iteration $i: no ack log"; continue; }
  if ! "$KVTIER" verify "$dir" --expect "$WORK/ack.$i" >"$WORK/verify.$i" 2>&1; then
    fail "iteration $i: $(cat "$WORK/verify.$i")"
  fi
  n=$(sed -n 's/.*: \([0-9]*\) blocks acknowledged, 0 lost/\1/p' "$WORK/verify.$i")
  acknowledged=$((acknowledged + ${n:-0}))
  rm -rf "$dir"
done
[ "$FAILED" = 0 ] && echo "$killed of $iterations runs killed mid-way; $acknowledged acknowledged blocks checked, every one intact"
[ "$killed" -gt 0 ] && [ "$acknowledged" -gt 0 ] || fail "no run was killed after acknowledging blocks: the test tested nothing"
finish
