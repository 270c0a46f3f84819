// The machine the other figures were measured on, in the two quantities they depend on:
// the latency of a dependent load from regions of growing size (a random cyclic chase,
// each load waiting for the last: L2, within and beyond the share of L3 this VM gets, and
// DRAM), and the time of a dependent integer multiply chain (the core's speed). On the
// shared VMs these run on, memory latency and the usable L3 vary from hour to hour by
// more than 2x, and most benchmarks here are memory-bound; a note that quotes this line
// beside its figures lets a reader tell a slower program from a slower machine.
#include <cstdint>
#include <cstdio>
#include <numeric>
#include <vector>

#include "bench/bench_util.h"
#include "core/memory/huge_page_allocator.h"
#include "core/rng/rng.h"

using namespace kvtier;

namespace {
constexpr int kRuns = 5;

// ns per load of a chase through one random cycle over the cache lines of `bytes`
// (Sattolo's shuffle makes the permutation a single cycle, so the chase visits every line).
double chase_ns(std::size_t bytes, std::uint64_t loads) {
  struct alignas(64) Line {
    std::uint32_t next;
  };
  const std::size_t n = bytes / sizeof(Line);
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0U);
  Rng rng(7);
  for (std::size_t i = n - 1; i > 0; --i) std::swap(order[i], order[rng.below(i)]);
  std::vector<Line, HugePageAllocator<Line>> lines(n);
  for (std::size_t i = 0; i < n; ++i) lines[i].next = order[i];
  std::uint32_t at = 0;
  for (std::size_t i = 0; i < n; ++i) at = lines[at].next;  // warm the cache and the TLB
  std::vector<double> ns;
  for (int run = 0; run < kRuns; ++run) {
    const auto t0 = std::chrono::steady_clock::now();
    for (std::uint64_t i = 0; i < loads; ++i) at = lines[at].next;
    ns.push_back(bench::seconds_since(t0) * 1e9 / static_cast<double>(loads));
  }
  if (at == UINT32_MAX) std::printf("-");  // keeps the chase from being optimised away
  return bench::median(ns);
}

double multiply_ns(std::uint64_t steps) {
  std::vector<double> ns;
  std::uint64_t x = 1;
  for (int run = 0; run < kRuns; ++run) {
    const auto t0 = std::chrono::steady_clock::now();
    for (std::uint64_t i = 0; i < steps; ++i) x = x * 0x9E3779B97F4A7C15ULL + i;
    ns.push_back(bench::seconds_since(t0) * 1e9 / static_cast<double>(steps));
  }
  if (x == 0) std::printf("-");
  return bench::median(ns);
}
}  // namespace

int main() {
  const double core = multiply_ns(100'000'000);
  const double l2 = chase_ns(std::size_t{256} << 10, 10'000'000);
  const double mid = chase_ns(std::size_t{4} << 20, 2'000'000);
  const double l3 = chase_ns(std::size_t{16} << 20, 2'000'000);
  const double dram = chase_ns(std::size_t{256} << 20, 1'000'000);
  std::printf("machine: dependent multiply %.2f ns; dependent load from 256 KiB %.1f ns, 4 MiB %.1f ns, "
              "16 MiB %.1f ns, 256 MiB %.1f ns (medians of %d)\n",
              core, l2, mid, l3, dram, kRuns);
  return 0;
}
