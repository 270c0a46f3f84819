#!/usr/bin/env bash
# kvtier compare --mpi under Slurm: a private one-node cluster (slurmctld and slurmd from
# Debian's slurm-wlm, started here on free ports, configured by SLURM_CONF alone, so a
# machine's own Slurm is not touched) runs the farm the three ways a cluster's users start
# it: srun with PMIx, mpirun inside salloc's allocation, and a batch script through sbatch.
# Each gives the threaded compare's outputs, byte for byte but for the run sections; a bad
# point ends the job with the threaded compare's error (78), said once.
# Skips (77) without Slurm's daemons and clients, when not root (slurmd runs jobs as their
# user), or with a kvtier built without MPI.
. "$(dirname "$0")/lib.sh"
for tool in slurmctld slurmd srun salloc sbatch sinfo mpirun python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "SKIPPED: $tool is absent (Debian packages slurmctld, slurmd, slurm-client, openmpi-bin)"
    exit 77
  fi
done
if [ "$(id -u)" != 0 ]; then
  echo "SKIPPED: slurmd must run as root"
  exit 77
fi
skip_without_mpi

# Two free ports, distinct: both sockets are held while the kernel picks them.
read -r CTLD_PORT SLURMD_PORT < <(python3 -c '
import socket
a, b = socket.socket(), socket.socket()
a.bind(("127.0.0.1", 0)); b.bind(("127.0.0.1", 0))
print(a.getsockname()[1], b.getsockname()[1])')
CLUSTER=$WORK/slurm
mkdir -p "$CLUSTER/state" "$CLUSTER/spool"
# auth/none and cred/none: no munge key to share on one node. config_overrides lets the
# node offer 4 CPUs on a 2-core machine, so that 3 ranks fit without oversubscribing.
cat >"$CLUSTER/slurm.conf" <<EOF
ClusterName=kvtiertest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/none
CredType=cred/none
MpiDefault=none
ProctrackType=proctrack/pgid
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SlurmdParameters=config_overrides
StateSaveLocation=$CLUSTER/state
SlurmdSpoolDir=$CLUSTER/spool
SlurmctldPidFile=$CLUSTER/slurmctld.pid
SlurmdPidFile=$CLUSTER/slurmd.pid
SlurmctldLogFile=$CLUSTER/slurmctld.log
SlurmdLogFile=$CLUSTER/slurmd.log
ReturnToService=2
NodeName=kvtier1 NodeHostname=$(hostname) NodeAddr=127.0.0.1 CPUs=4 State=UNKNOWN
PartitionName=test Nodes=kvtier1 Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF=$CLUSTER/slurm.conf
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
slurmctld -D -i >"$CLUSTER/slurmctld.out" 2>&1 &
CTLD=$!
slurmd -D -N kvtier1 >"$CLUSTER/slurmd.out" 2>&1 &
SLURMD=$!
stop_cluster() {
  kill "$SLURMD" "$CTLD" 2>/dev/null
  wait "$SLURMD" "$CTLD" 2>/dev/null
  rm -rf "$WORK"
}
trap stop_cluster EXIT
for _ in $(seq 60); do
  [ "$(sinfo -h -N -o %t 2>/dev/null)" = idle ] && break
  sleep 0.5
done
if [ "$(sinfo -h -N -o %t 2>/dev/null)" != idle ]; then
  fail "the test cluster's node never became idle: $(tail -n 3 "$CLUSTER/slurmctld.log" "$CLUSTER/slurmd.log")"
  finish
fi

SWEEP=(-s tiers.hbm.capacity=10GB,40GB -s tiers.ddr.eviction=lru,s3fifo -s workload.duration=1min)
"$KVTIER" compare -q "${SWEEP[@]}" -o "$WORK/threads" || fail "threaded compare failed"
workers() { grep -q '"jobs": 2' "$1/compare.json" || fail "$2: compare.json should count 2 worker ranks"; }

timeout 300 srun --mpi=pmix -n 3 "$KVTIER" compare -q --mpi "${SWEEP[@]}" -o "$WORK/srun" >"$WORK/srun.out" 2>&1 ||
  fail "srun: $(cat "$WORK/srun.out")"
same_compare "$WORK/srun" "$WORK/threads" "srun --mpi=pmix"
workers "$WORK/srun" "srun"

timeout 300 salloc -n 3 mpirun "$KVTIER" compare -q --mpi "${SWEEP[@]}" -o "$WORK/salloc" >"$WORK/salloc.out" 2>&1 ||
  fail "salloc + mpirun: $(cat "$WORK/salloc.out")"
same_compare "$WORK/salloc" "$WORK/threads" "salloc + mpirun"
workers "$WORK/salloc" "salloc + mpirun"

cat >"$WORK/job.sh" <<EOF
#!/bin/bash
#SBATCH -n 3
#SBATCH -o $WORK/sbatch.out
srun --mpi=pmix "$KVTIER" compare -q --mpi ${SWEEP[*]} -o "$WORK/sbatch"
EOF
timeout 300 sbatch --wait "$WORK/job.sh" >"$WORK/submit.out" 2>&1 ||
  fail "sbatch: $(cat "$WORK/submit.out" "$WORK/sbatch.out" 2>/dev/null)"
same_compare "$WORK/sbatch" "$WORK/threads" "sbatch"
workers "$WORK/sbatch" "sbatch"

# A bad point: rank 0 says it once, the job step ends with its code.
timeout 300 srun --mpi=pmix -n 3 "$KVTIER" compare -q --mpi -s tiers.hbm.eviction=lru,bogus -o "$WORK/e1" \
  >/dev/null 2>"$WORK/e1.err"
code=$?
[ "$code" = 78 ] || fail "a bad point under srun exited $code, expected 78"
[ "$(grep -c '^kvtier: error: point 2 (tiers.hbm.eviction=bogus)' "$WORK/e1.err")" = 1 ] ||
  fail "a bad point under srun: expected its error once: $(head -n 3 "$WORK/e1.err")"
finish
