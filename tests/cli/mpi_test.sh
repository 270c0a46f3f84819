#!/usr/bin/env bash
# kvtier compare --mpi under a real mpirun (OpenMPI, 3 ranks on this machine, placed by
# -n and by a hostfile): the same comparison, point summaries and pages as the threaded
# compare, byte for byte but for the run sections (wall time, jobs); one rank and a
# singleton (no mpirun) too; a bad point
# (78) and a bad trace line (65) end every rank with the threaded compare's error.
# Skips (77) without mpirun or with a kvtier built without MPI.
. "$(dirname "$0")/lib.sh"
MPIRUN=$(command -v mpirun || true)
if [ -z "$MPIRUN" ]; then
  echo "SKIPPED: mpirun is absent (Debian package openmpi-bin)"
  exit 77
fi
skip_without_mpi
# OpenMPI refuses root unless told, and more ranks than cores unless told.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
mpi() { timeout 300 "$MPIRUN" -n "$1" "$KVTIER" "${@:2}"; }
SWEEP=(-s tiers.hbm.capacity=10GB,40GB -s tiers.ddr.eviction=lru,s3fifo -s workload.duration=1min)
"$KVTIER" compare -q "${SWEEP[@]}" -o "$WORK/threads" || fail "threaded compare failed"
mpi 3 compare -q --mpi "${SWEEP[@]}" -o "$WORK/three" >"$WORK/three.out" 2>&1 || fail "3 ranks: $(cat "$WORK/three.out")"
same_compare "$WORK/three" "$WORK/threads" "3 ranks"
grep -q '"jobs": 2' "$WORK/three/compare.json" || fail "3 ranks: compare.json should count 2 worker ranks"
mpi 1 compare -q --mpi "${SWEEP[@]}" -o "$WORK/one" >"$WORK/one.out" 2>&1 || fail "1 rank: $(cat "$WORK/one.out")"
same_compare "$WORK/one" "$WORK/threads" "1 rank"
# Ranks placed by a hostfile, as across machines (its one host is this one: no ssh).
echo "localhost slots=3" >"$WORK/hosts"
timeout 300 "$MPIRUN" --hostfile "$WORK/hosts" -n 3 "$KVTIER" compare -q --mpi "${SWEEP[@]}" -o "$WORK/hostfile" \
  >"$WORK/hostfile.out" 2>&1 || fail "--hostfile: $(cat "$WORK/hostfile.out")"
same_compare "$WORK/hostfile" "$WORK/threads" "--hostfile"
"$KVTIER" compare -q --mpi "${SWEEP[@]}" -o "$WORK/singleton" || fail "singleton failed"
same_compare "$WORK/singleton" "$WORK/threads" "singleton"

# Errors: rank 0 says it once, exits with its code, and no worker is left waiting.
mpi 3 compare -q --mpi -s tiers.hbm.eviction=lru,bogus -o "$WORK/e1" >/dev/null 2>"$WORK/e1.err"
code=$?
[ "$code" = 78 ] || fail "a bad point under mpirun exited $code, expected 78"
[ "$(grep -c '^kvtier: error: point 2 (tiers.hbm.eviction=bogus)' "$WORK/e1.err")" = 1 ] ||
  fail "a bad point: expected its error once: $(head -n 3 "$WORK/e1.err")"
printf '{"timestamp": 0, "input_length": 10, "output_length": 1, "hash_ids": [1]}\n{"timestamp": 5, "input_length": "x"}\n' \
  >"$WORK/bad.jsonl"
mpi 3 compare -q --mpi -t "$WORK/bad.jsonl" -s tiers.hbm.capacity=10GB,20GB -o "$WORK/e2" >/dev/null 2>"$WORK/e2.err"
code=$?
[ "$code" = 65 ] || fail "a bad trace under mpirun exited $code, expected 65"
grep -qF "kvtier: error: run 3 of 4: $WORK/bad.jsonl:2: field 'input_length'" "$WORK/e2.err" ||
  fail "a bad trace: $(head -n 3 "$WORK/e2.err")"
finish
