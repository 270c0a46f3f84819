#!/usr/bin/env bash
# The io_uring store's engine (and its write path) against fio on the same file, block size and queue depth
# (O_DIRECT, registered buffers and file on both sides), alternating runs; prints each
# side's median and their ratio (target >= 0.95). Usage: bench/uring_vs_fio.sh [BIN_DIR]
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
median3() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
echo "== io_uring store vs fio 3.33 ($(nproc) cores, $seconds s per run, medians of 3, O_DIRECT on $(df --output=fstype "$dir" | tail -n 1))"
# storewrite: 2 MiB frames through the frame store (a copy into a registered buffer each).
for c in "randread 4 32" "write 1024 8" "read 2048 8" "write 2048 8" "read 16384 4" "write 16384 4" "storewrite 2048 8"; do
  set -- $c
  k=(); f=()
  for _ in 1 2 3; do
    k+=("$(kvtier_bw "$@")")
    f+=("$(fio_bw "$@")")
  done
  km=$(median3 "${k[@]}"); fm=$(median3 "${f[@]}")
  awk -v rw="$1" -v bs="$2" -v qd="$3" -v k="$km" -v f="$fm" 'BEGIN {
    r = k / f
    printf "%-9s %6d KiB QD %-2d  kvtier %8.1f MB/s  fio %8.1f MB/s  ratio %.3f %s\n",
      rw, bs, qd, k / 1e6, f / 1e6, r, (r >= 0.95 ? "ok" : "BELOW TARGET") }'
done
