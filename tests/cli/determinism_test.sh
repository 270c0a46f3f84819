#!/usr/bin/env bash
# Same inputs, same summary.json byte for byte outside "run"; and re-running a run's
# config.resolved.toml reproduces it.
. "$(dirname "$0")/lib.sh"

"$KVTIER" run -q -o "$WORK/a" || fail "first run failed"
"$KVTIER" run -q -o "$WORK/b" || fail "second run failed"
"$KVTIER" run -q -c "$WORK/a/config.resolved.toml" -o "$WORK/c" || fail "re-run from config.resolved.toml failed"
stable_summary "$WORK/a/summary.json" >"$WORK/a.json"
stable_summary "$WORK/b/summary.json" >"$WORK/b.json"
stable_summary "$WORK/c/summary.json" >"$WORK/c.json"
cmp -s "$WORK/a.json" "$WORK/b.json" || fail "two identical runs differ: $(diff "$WORK/a.json" "$WORK/b.json" | head -5)"
cmp -s "$WORK/a.json" "$WORK/c.json" || fail "the resolved config does not reproduce the run: $(diff "$WORK/a.json" "$WORK/c.json" | head -5)"
grep -q '"run": {' "$WORK/a/summary.json" || fail "summary.json has no run section"
# A different seed must change the workload (the test could not fail otherwise).
"$KVTIER" run -q -o "$WORK/d" -s system.seed=2 || fail "seeded run failed"
stable_summary "$WORK/d/summary.json" >"$WORK/d.json"
cmp -s "$WORK/a.json" "$WORK/d.json" && fail "changing the seed changed nothing"
finish
