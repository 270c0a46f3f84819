#!/usr/bin/env bash
# The CLI table and summary.json of a small configuration, compared with checked-in
# expected files. Wall-clock lines and the run section are filtered out.
# KVTIER_UPDATE_GOLDEN=1 rewrites the expected files (review the diff before committing).
. "$(dirname "$0")/lib.sh"
golden=$(cd "$(dirname "$0")/../golden" && pwd)

"$KVTIER" run -c "$golden/small.toml" -o "$WORK/out" >"$WORK/table.raw" || fail "run failed"
grep -v -e '^run: ' -e '^results: ' "$WORK/table.raw" >"$WORK/table"
stable_summary "$WORK/out/summary.json" >"$WORK/summary"
if [ "${KVTIER_UPDATE_GOLDEN:-0}" = 1 ]; then
  cp "$WORK/table" "$golden/small.table.expected"
  cp "$WORK/summary" "$golden/small.summary.expected"
  echo "updated the golden files"
fi
diff -u "$golden/small.table.expected" "$WORK/table" || fail "the table differs from tests/golden/small.table.expected"
diff -u "$golden/small.summary.expected" "$WORK/summary" || fail "summary.json differs from tests/golden/small.summary.expected"
finish
