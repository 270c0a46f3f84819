#!/usr/bin/env bash
# The io_uring store's engine (and its write path) against fio on the same file, block size and queue depth
# (O_DIRECT, registered buffers and file on both sides), in pairs of back-to-back runs whose
# order alternates (so that a drifting disk favours neither side); prints each side's median
# and the median of the pairs' ratios (target >= 0.95). Usage: bench/uring_vs_fio.sh [BIN_DIR]
# Needs fio (Debian package fio); the file goes in $KVTIER_BENCH_DIR (default build/).
set -euo pipefail
bin=${1:-build/release/bin}
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${KVTIER_BENCH_DIR:-$root/build}
if ! command -v fio >/dev/null; then
  echo "io_uring store vs fio: SKIPPED (fio is not installed: apt-get install fio)"
  exit 0
fi
file="$dir/uring-bench.data"
size_mib=2048
seconds=${KVTIER_BENCH_SECONDS:-3}
trap 'rm -f "$file"' EXIT
# Written once in full, so that reads hit allocated blocks.
fio --name=fill --filename="$file" --size=${size_mib}M --rw=write --bs=1M --iodepth=8 --ioengine=io_uring \
  --direct=1 --output=/dev/null
fio_bw() {  # RW BS_KIB QD (storewrite: fio's sequential write)
  local section=read rw=$1
  case "$rw" in *write) section=write ;; esac
  [ "$rw" = storewrite ] && rw=write
  fio --name=x --filename="$file" --size=${size_mib}M --rw="$rw" --bs="$2"k --iodepth="$3" --ioengine=io_uring \
    --direct=1 --fixedbufs=1 --registerfiles=1 --runtime="$seconds" --time_based --randrepeat=0 \
    --output-format=json | python3 -c "import json,sys; print(json.load(sys.stdin)['jobs'][0]['$section']['bw_bytes'])"
}
kvtier_bw() { "$bin/bench_uring" "$file" "$size_mib" "$1" "$2" "$3" "$seconds" | awk '{ print $2 }'; }
pairs=5
median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }
echo "== io_uring store vs fio 3.33 ($(nproc) cores, $seconds s per run, medians of $pairs pairs, O_DIRECT on $(df --output=fstype "$dir" | tail -n 1))"
# storewrite: 2 MiB frames through the frame store (a copy into a registered buffer each).
for c in "randread 4 32" "write 1024 8" "read 2048 8" "write 2048 8" "read 16384 4" "write 16384 4" "storewrite 2048 8"; do
  set -- $c
  k=(); f=(); r=()
  for i in $(seq "$pairs"); do
    if (( i % 2 )); then
      kb=$(kvtier_bw "$@"); fb=$(fio_bw "$@")
    else
      fb=$(fio_bw "$@"); kb=$(kvtier_bw "$@")
    fi
    k+=("$kb"); f+=("$fb"); r+=("$(awk -v k="$kb" -v f="$fb" 'BEGIN { printf "%.6f", k / f }')")
  done
  awk -v rw="$1" -v bs="$2" -v qd="$3" -v k="$(median "${k[@]}")" -v f="$(median "${f[@]}")" -v r="$(median "${r[@]}")" 'BEGIN {
    printf "%-9s %6d KiB QD %-2d  kvtier %8.1f MB/s  fio %8.1f MB/s  ratio %.3f %s\n",
      rw, bs, qd, k / 1e6, f / 1e6, r, (r >= 0.95 ? "ok" : "BELOW TARGET") }'
done
