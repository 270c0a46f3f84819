// A run's result through the codec the MPI task farm uses: decoded, it renders the same
// summary.json, report.html and table as the result it was made from; a failure keeps its
// code and message; bytes cut short or left over are refused.
#include <doctest/doctest.h>

#include <stdexcept>

#include "core/config/config_loader.h"
#include "core/report/html_report.h"
#include "core/report/summary_json.h"
#include "core/sweep/result_codec.h"
#include "tests/support/paths.h"

using namespace kvtier;

namespace {
SimulationResult run(const std::string& system, const std::vector<Override>& sets) {
  return simulate(load_config(ConfigRequest{system, sets, ""}), RunControl{});
}

void check_round_trip(const SimulationResult& original) {
  const std::string bytes = encode_result(original);
  const SimulationResult copy = decode_result(bytes);
  CHECK(render_summary_json(copy.summary) == render_summary_json(original.summary));
  CHECK(render_report_html(copy.summary, nullptr, nullptr) == render_report_html(original.summary, nullptr, nullptr));
  CHECK(render_summary_table(copy.summary, "dir") == render_summary_table(original.summary, "dir"));
  CHECK(copy.summary.ttft_percentiles_ns == original.summary.ttft_percentiles_ns);  // not in summary.json
  CHECK(encode_result(copy) == bytes);
  REQUIRE(copy.failure.has_value() == original.failure.has_value());
  if (copy.failure) {
    CHECK(copy.failure->code() == original.failure->code());
    CHECK(std::string(copy.failure->what()) == original.failure->what());
  }
}
}  // namespace

TEST_SUITE("report") {
  TEST_CASE("a timed run with prefetch, transfer latencies and a bound survives the codec") {
    SimulationResult r = run("default", {{"workload.duration", "1min"},
                                         {"scheduler.prefetch", "wait_complete"},
                                         {"tiers.hbm.capacity", "4GB"}});
    REQUIRE(r.summary.ttft.has_value());
    REQUIRE(r.summary.prefetch.has_value());
    REQUIRE(r.summary.tiers[0].read_latency.has_value());
    REQUIRE(r.summary.tiers[1].write_latency.has_value());
    r.summary.belady = BeladySummary{1000, 500, 250};
    check_round_trip(r);
  }

  TEST_CASE("a flash tier's wear survives the codec") {
    const SimulationResult r = run(test::support_file("ssd_cache.toml"), {{"workload.duration", "1min"}});
    REQUIRE(r.summary.tiers.back().flash.has_value());
    REQUIRE_FALSE(r.summary.tiers.back().flash->waf_over_time.empty());
    check_round_trip(r);
  }

  TEST_CASE("a failure keeps its code and message; damaged bytes are refused") {
    SimulationResult r = run("cache-only", {{"workload.duration", "10s"}});
    r.failure = Error(ExitCode::kDataErr, "trace.jsonl:7: field 'hash_ids': expected an array");
    r.summary.complete = false;
    check_round_trip(r);
    const std::string bytes = encode_result(r);
    CHECK_THROWS_AS(decode_result(bytes.substr(0, bytes.size() - 1)), std::runtime_error);
    CHECK_THROWS_AS(decode_result(bytes + "x"), std::runtime_error);
    CHECK_THROWS_AS(decode_result(bytes.substr(0, 40)), std::runtime_error);
    const HitBound b{123, 45};
    CHECK(decode_bound(encode_bound(b)).hits == 45);
    CHECK(decode_bound(encode_bound(b)).accesses == 123);
  }
}
