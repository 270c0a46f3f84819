// The one-pass LRU miss-ratio curve (core/sweep/miss_ratio_curve.h) on the benchmarks'
// 20-million-access Zipf stream (bench/zipf_stream.h), as requests of 8 blocks: accesses
// per second exact and sampled (SHARDS), and how far the sampled curve strays from the
// exact one. No issue sets a target; for scale, the single LRU tier replays this stream
// at a single capacity at about 10-15M accesses/s (bench_policies), so a curve that
// costs as much as one replay gives every capacity for the price of one.
#include <cmath>
#include <cstdio>
#include <span>
#include <vector>

#include "bench/bench_util.h"
#include "bench/zipf_stream.h"
#include "core/report/mrc_report.h"
#include "core/sweep/miss_ratio_curve.h"

using namespace kvtier;

namespace {
constexpr std::size_t kPerRequest = 8;
constexpr int kRuns = 3;

struct Timed {
  double accesses_per_s;
  MissRatioCurve curve;
};

Timed build(const std::vector<BlockId>& stream, double rate) {
  MissRatioCurve curve(rate);
  const auto t0 = std::chrono::steady_clock::now();
  for (std::size_t at = 0; at < stream.size(); at += kPerRequest) {
    curve.add_request(std::span(stream).subspan(at, std::min(kPerRequest, stream.size() - at)));
  }
  return {static_cast<double>(stream.size()) / bench::seconds_since(t0), std::move(curve)};
}

double mean_abs_error(const MissRatioCurve& exact, const MissRatioCurve& sampled) {
  const std::vector<std::uint64_t> capacities = even_capacities(exact.footprint_blocks(), 100);
  const auto want = exact.at(capacities);
  const auto got = sampled.at(capacities);
  double sum = 0;
  for (std::size_t i = 0; i < want.size(); ++i) sum += std::abs(want[i].block_hit_ratio - got[i].block_hit_ratio);
  return sum / static_cast<double>(want.size());
}
}  // namespace

int main() {
  const std::vector<BlockId> stream = bench::zipf_stream();
  std::vector<double> exact_rates;
  for (int i = 0; i < kRuns; ++i) exact_rates.push_back(build(stream, 1.0).accesses_per_s);
  const MissRatioCurve exact = build(stream, 1.0).curve;
  std::printf("LRU miss-ratio curve, exact: %.2f M accesses/s (median of %d; %llu distinct blocks)\n",
              bench::median(exact_rates) / 1e6, kRuns, static_cast<unsigned long long>(exact.footprint_blocks()));
  for (const double rate : {0.1, 0.01, 0.001}) {
    std::vector<double> rates;
    for (int i = 0; i < kRuns; ++i) rates.push_back(build(stream, rate).accesses_per_s);
    const MissRatioCurve sampled = build(stream, rate).curve;
    std::printf("  SHARDS at rate %g: %.2f M accesses/s, mean absolute error %.4f over 100 capacities\n", rate,
                bench::median(rates) / 1e6, mean_abs_error(exact, sampled));
  }
  return 0;
}
