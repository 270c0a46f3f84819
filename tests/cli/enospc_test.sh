#!/usr/bin/env bash
# A flash tier's file on a full filesystem (a 16 MiB tmpfs): the run stops with exit 74 and
# one line naming the file and the error, summary.json says it is incomplete, and the
# block directory still verifies.
. "$(dirname "$0")/lib.sh"

mkdir -p "$WORK/mnt"
if ! mount -t tmpfs -o size=16m tmpfs "$WORK/mnt" 2>/dev/null; then
  echo "SKIPPED: cannot mount a tmpfs here (not root, or no mount privilege)"
  exit 77
fi
trap 'umount -l "$WORK/mnt" 2>/dev/null; rm -rf "$WORK"' EXIT
"$KVTIER" "${BACKED_RUN[@]}" --ack written -o "$WORK/r" --backing-dir "$WORK/mnt/b" 2>"$WORK/err"
code=$?
[ "$code" = 74 ] || fail "a run on a full filesystem exited $code, expected 74 ($(cat "$WORK/err"))"
[ "$(wc -l <"$WORK/err")" = 1 ] && grep -q 'No space left on device' "$WORK/err" || fail "stderr: $(cat "$WORK/err")"
grep -q '"complete": false' "$WORK/r/summary.json" || fail "summary.json is not marked incomplete"
[ -s "$WORK/r/config.resolved.toml" ] || fail "config.resolved.toml was lost"
"$KVTIER" verify "$WORK/mnt/b" >"$WORK/verify" 2>&1
code=$?
[ "$code" = 0 ] || fail "the directory does not verify after ENOSPC (exit $code): $(cat "$WORK/verify")"
grep -q '0 missing, 0 corrupt (run incomplete' "$WORK/verify" || fail "verify: $(cat "$WORK/verify")"
finish
