// The io_uring engine of real-backed flash tiers (tiers/backing/uring_file.h), driven the
// way fio drives a file, so that bench/uring_vs_fio.sh can put the two side by side:
//   bench_uring FILE SIZE_MIB RW BS_KIB QD SECONDS
// RW is randread, randwrite, read or write. Prints "bytes_per_s N iops N".
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "bench/bench_util.h"
#include "core/rng/rng.h"
#include "kvtier/error.h"
#include "tiers/backing/uring_file.h"

using namespace kvtier;

int main(int argc, char** argv) {
  if (argc != 7) {
    std::fprintf(stderr, "usage: bench_uring FILE SIZE_MIB randread|randwrite|read|write BS_KIB QD SECONDS\n");
    return 64;
  }
  const std::string path = argv[1];
  const std::uint64_t size = std::strtoull(argv[2], nullptr, 10) << 20;
  const std::string rw = argv[3];
  const std::uint64_t bs = std::strtoull(argv[4], nullptr, 10) << 10;
  const auto qd = static_cast<unsigned>(std::strtoul(argv[5], nullptr, 10));
  const double seconds = std::strtod(argv[6], nullptr);
  const bool write = rw == "write" || rw == "randwrite";
  const bool random = rw == "randread" || rw == "randwrite";
  if (bs == 0 || size < bs || qd == 0 || seconds <= 0 || (!write && rw != "read" && rw != "randread")) {
    std::fprintf(stderr, "bench_uring: bad arguments\n");
    return 64;
  }
  try {
    UringFile file(path, size, UringOptions{qd, bs, true, qd}, [](std::string_view w) {
      std::fprintf(stderr, "bench_uring: %.*s\n", static_cast<int>(w.size()), w.data());
    });
    for (unsigned i = 0; i < qd; ++i) std::memset(file.buffer(i), 0x5A, bs);
    const std::uint64_t blocks = size / bs;
    Rng rng(42);
    std::uint64_t next = 0;
    std::uint64_t done_ios = 0;
    const auto issue = [&](unsigned buf) {
      const std::uint64_t block = random ? rng.below(blocks) : next++ % blocks;
      file.queue(write ? UringFile::Op::kWrite : UringFile::Op::kRead, buf, block * bs, bs);
    };
    const auto t0 = std::chrono::steady_clock::now();
    bool stopping = false;
    const auto on_done = [&](unsigned buf, UringFile::Op) {
      ++done_ios;
      if (!stopping) issue(buf);
    };
    for (unsigned i = 0; i < qd; ++i) issue(file.free_buffer(on_done));
    // Check the clock every few completions: it costs more than an I/O at 4 KiB.
    while (!stopping) {
      file.reap(qd / 2 + 1, on_done);
      stopping = bench::seconds_since(t0) >= seconds;
    }
    const double elapsed = bench::seconds_since(t0);
    file.drain(on_done);
    std::printf("bytes_per_s %.0f iops %.0f reissued %llu\n", static_cast<double>(done_ios * bs) / elapsed,
                static_cast<double>(done_ios) / elapsed, static_cast<unsigned long long>(file.reissued()));
  } catch (const Error& e) {
    std::fprintf(stderr, "bench_uring: %s\n", e.what());
    return static_cast<int>(e.code());
  }
  return 0;
}
