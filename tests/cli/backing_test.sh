#!/usr/bin/env bash
# Real backing end to end: a run's flash blocks verify intact, a flipped byte in a stored
# frame is found (exactly that block), and bad backing input gets one line and its code.
. "$(dirname "$0")/lib.sh"

"$KVTIER" "${BACKED_RUN[@]}" --ack written -o "$WORK/r" || fail "the backed run failed"
grep -q '"mode": "real"' "$WORK/r/summary.json" || fail "summary.json has no backing section"
grep -q '"ack": "written"' "$WORK/r/summary.json" || fail "summary.json does not say the ack level"
"$KVTIER" verify "$WORK/r" >"$WORK/verify" 2>&1 || fail "verify of a clean run failed: $(cat "$WORK/verify")"
listed=$(sed -n 's/.*: \([0-9]*\) blocks listed: \([0-9]*\) intact, 0 missing, 0 corrupt.*/\1 \2/p' "$WORK/verify")
read -r total intact <<<"$listed"
[ -n "$total" ] && [ "$total" -gt 1000 ] && [ "$total" = "$intact" ] || fail "verify: $(cat "$WORK/verify")"

# Flip one payload byte of the first frame, then one header byte of the second.
frame=$(sed -n '/"name": "qlc"/,/}/s/.*"frame_bytes": \([0-9]*\).*/\1/p' "$WORK/r/summary.json")
data="$WORK/r/backing/qlc-0.data"
flip() {  # flip FILE OFFSET
  local byte
  byte=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
  printf "$(printf '\\%03o' $(( (byte + 1) % 256 )))" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}
flip "$data" 100
"$KVTIER" verify "$WORK/r" >"$WORK/verify" 2>"$WORK/err"
code=$?
[ "$code" = 65 ] || fail "verify after a flipped payload byte exited $code, expected 65"
grep -q ": $((total - 1)) intact, 0 missing, 1 corrupt" "$WORK/verify" || fail "verify: $(cat "$WORK/verify")"
[ "$(wc -l <"$WORK/err")" = 1 ] && grep -q "qlc-0.data: block [0-9a-f]\{16\} (tier qlc copy 0) at offset 0: corrupt: payload checksum" "$WORK/err" ||
  fail "verify did not name the corrupt block: $(cat "$WORK/err")"
flip "$data" $((frame + 30))
"$KVTIER" verify "$WORK/r" >"$WORK/verify" 2>"$WORK/err"
grep -q ": $((total - 2)) intact, 0 missing, 2 corrupt" "$WORK/verify" || fail "verify after a header flip: $(cat "$WORK/verify")"
grep -q "at offset $frame: corrupt: bad header" "$WORK/err" || fail "verify did not name the torn header: $(cat "$WORK/err")"

# Measured timing: the flash tier's real I/Os are timed and shown beside the model's.
"$KVTIER" run "${BACKED_RUN[@]:2}" --ack written --timing measured -o "$WORK/m" >"$WORK/m.out" || fail "a measured run failed"
grep -q '"timing": "measured"' "$WORK/m/summary.json" || fail "summary.json does not say the timing was measured"
grep -q '"measured_read_p50_ns": [1-9]' "$WORK/m/summary.json" || fail "no measured read times"
grep -q '"measured_write_p50_ns": [1-9]' "$WORK/m/summary.json" || fail "no measured write times"
grep -q '^measured timing' "$WORK/m.out" || fail "the table has no measured timing"

# Bad input.
expect_error 64 "kvtier: error: --ack: needs --backing real" -- run -q -o "$WORK/s" --ack written
expect_error 64 "kvtier: error: --timing measured: needs --backing real (real I/Os to measure)" -- \
  run -q -o "$WORK/s" --timing measured
expect_error 64 'kvtier: error: --timing measured: the system'"'"'s timing is off (system.timing = "off")' -- \
  "${BACKED_RUN[@]}" -o "$WORK/s2" --timing measured --set system.timing=off
mkdir -p "$WORK/plain"
expect_error 66 "kvtier: error: $WORK/plain: no block directory here (was it run with --backing real?)" -- verify "$WORK/plain"
expect_error 66 "kvtier: error: $WORK/nowhere: no such directory" -- verify "$WORK/nowhere"
expect_error 64 "kvtier: error: --backing-scale '0': expected a share in (0, 1] such as 1/64 or 0.25" -- \
  run -q -o "$WORK/s" --backing real --backing-scale 0
expect_error 64 "kvtier: error: --backing-scale '3/2': expected a share in (0, 1] such as 1/64 or 0.25" -- \
  run -q -o "$WORK/s" --backing real --backing-scale 3/2
expect_error 78 "kvtier: error: --backing real: the memory tiers need 11.0 GB of RAM at --backing-scale 0.015625 (--backing-ram-cap is 4.29 GB); --backing-scale 1/256 would fit, or raise the cap" -- \
  run -q -o "$WORK/s" --backing real
expect_error 64 "kvtier: error: $WORK/r/backing: already holds a backed run; give a new --backing-dir" -- \
  "${BACKED_RUN[@]}" -o "$WORK/again" --backing-dir "$WORK/r/backing"
# A block directory whose files are damaged is bad data, named (65), as a corrupt frame is.
mkdir -p "$WORK/torn/backing" && cp -r "$WORK/r/backing/directory" "$WORK/torn/backing/"
echo junk >"$WORK/torn/backing/directory/CURRENT"
expect_error 65 "kvtier: error: $WORK/torn/backing/directory: block directory open: Corruption: CURRENT file corrupted" -- \
  verify "$WORK/torn"
printf '+ 2 0 00000000000000zz 4\n' >"$WORK/bad.ack"
expect_error 65 "kvtier: error: $WORK/bad.ack:1: not an ack log line: '+ 2 0 00000000000000zz 4'" -- \
  verify "$WORK/r" --expect "$WORK/bad.ack"
finish
