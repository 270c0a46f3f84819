#!/usr/bin/env bash
# kvtier from a fresh Debian bookworm machine, in one command (as root, or with sudo):
#
#   ./build.sh run [kvtier run options]   install what is missing, build (Release), and run
#                                         kvtier on its built-in system and workload
#   ./build.sh test                       install, build, and run every test: the Release
#                                         build with g++, then clang-14 with AddressSanitizer,
#                                         UndefinedBehaviorSanitizer and the fuzzers
#   ./build.sh bench                      build and print the benchmark figures
#   ./build.sh build                      install and build only
#
# Build trees: build/release (bin/kvtier) and build/asan. Nothing is downloaded but
# Debian packages.
set -euo pipefail
cd "$(dirname "$0")"

# The Debian packages each job needs (DEVELOPERS.md says what each is for).
BUILD_PACKAGES=(g++ cmake ninja-build pkg-config libfmt-dev libspdlog-dev libtomlplusplus-dev
                nlohmann-json3-dev libcli11-dev doctest-dev librocksdb-dev liburing-dev pybind11-dev python3-dev
                libboost1.81-dev libopenmpi-dev openmpi-bin)
# chromium: report.html's test opens it in a real browser; slurm: the MPI farm's test under a
# private one-node Slurm cluster.
TEST_PACKAGES=(clang-14 libclang-rt-14-dev chromium slurmctld slurmd slurm-client)
BENCH_PACKAGES=(fio)  # the io_uring store is measured against it

install_missing() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  echo "build.sh: installing ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build_release() {
  cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/release
}

build_asan() {
  CC=clang-14 CXX=clang++-14 cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DKVTIER_SANITIZE=address,undefined -DKVTIER_FUZZ=ON -DKVTIER_PYTHON=OFF -DKVTIER_MPI=OFF >/dev/null
  cmake --build build/asan
}

job=${1:-run}
[ $# -gt 0 ] && shift
case "$job" in
  run)
    install_missing "${BUILD_PACKAGES[@]}"
    build_release
    exec build/release/bin/kvtier run "$@"
    ;;
  test)
    install_missing "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    build_release
    ctest --test-dir build/release --output-on-failure -j "$(nproc)"
    build_asan
    ctest --test-dir build/asan --output-on-failure -j "$(nproc)"
    ;;
  bench)
    install_missing "${BUILD_PACKAGES[@]}" "${BENCH_PACKAGES[@]}"
    build_release
    exec bench/run.sh build/release/bin "$@"
    ;;
  build)
    install_missing "${BUILD_PACKAGES[@]}"
    build_release
    ;;
  *)
    echo "usage: ./build.sh run|test|bench|build" >&2
    exit 64
    ;;
esac
