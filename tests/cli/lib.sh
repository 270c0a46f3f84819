# Helpers for the CLI tests: each test script sources this, gets the kvtier binary as $1
# and a fresh scratch directory as $WORK, and reports failures with `fail`.
set -u
KVTIER=$1
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kvtier-cli.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
FAILED=0

fail() { echo "FAIL: $*"; FAILED=1; }

# expect_error CODE "exact first line of stderr" -- kvtier args...
expect_error() {
  local code=$1 want=$2; shift 3
  local got_code got_msg
  "$KVTIER" "$@" >"$WORK/out" 2>"$WORK/err"
  got_code=$?
  got_msg=$(head -n 1 "$WORK/err")
  [ "$got_code" = "$code" ] || fail "kvtier $* exited $got_code, expected $code (stderr: $got_msg)"
  [ "$got_msg" = "$want" ] || fail "kvtier $*: stderr was
    $got_msg
  expected
    $want"
  [ "$(wc -l <"$WORK/err")" -le 1 ] || fail "kvtier $*: more than one line on stderr"
}

# summary.json without the run section (the only part allowed to vary between runs).
stable_summary() { sed '/"run": {/,/}/d' "$1"; }

# same_compare DIR REF NAME: compare DIR's outputs equal REF's (every point's too), byte
# for byte but for the run sections (wall time, jobs): as MPI farms must give.
same_compare() {
  local dir=$1 ref=$2 name=$3 p f
  cmp -s "$dir/compare.csv" "$ref/compare.csv" || fail "$name: compare.csv differs"
  cmp -s "$dir/compare.html" "$ref/compare.html" || fail "$name: compare.html differs"
  [ "$(stable_summary "$dir/compare.json")" = "$(stable_summary "$ref/compare.json")" ] || fail "$name: compare.json differs"
  for p in "$ref"/points/*; do
    p=${p##*/}
    [ "$(stable_summary "$dir/points/$p/summary.json")" = "$(stable_summary "$ref/points/$p/summary.json")" ] ||
      fail "$name: point $p's summary.json differs"
    for f in config.resolved.toml metrics.prom report.html; do
      cmp -s "$dir/points/$p/$f" "$ref/points/$p/$f" || fail "$name: point $p's $f differs"
    done
  done
}

# Skips (77) the test when kvtier was built without MPI (a singleton farm says so, 69).
skip_without_mpi() {
  "$KVTIER" compare -q --mpi --no-bound -s workload.duration=1s -o "$WORK/probe" 2>"$WORK/probe.err"
  if [ $? = 69 ]; then
    echo "SKIPPED: $(cat "$WORK/probe.err")"
    exit 77
  fi
}

finish() {
  if [ "$FAILED" = 0 ]; then echo "ok"; fi
  exit "$FAILED"
}

# A small real-backed system for the backing tests: the built-in system with tiers shrunk
# so that its QLC fills and evicts within a couple of seconds, 64 KiB stored per block.
BACKED_RUN=(run -q --set tiers.hbm.capacity=8GB --set tiers.ddr.capacity=64GB --set tiers.qlc.capacity=300GB
            --set tiers.qlc.count=1 --backing real --backing-scale 1/1024)
