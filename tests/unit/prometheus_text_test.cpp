#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "core/report/prometheus_text.h"

using namespace kvtier;

TEST_SUITE("report") {
  TEST_CASE("prometheus snapshot: paths, base units, named arrays as labels, strings as info") {
    nlohmann::ordered_json j;
    j["version"] = "1.0";
    j["complete"] = true;
    j["requests"] = {{"total", 3}, {"rejected", 0}};
    j["ttft_ns"] = {{"p50", 1'500'000}, {"mean", 2.5e9}};
    j["wait_mean_ns"] = 250;
    j["ratio"] = std::numeric_limits<double>::quiet_NaN();
    j["missing"] = nullptr;
    j["tiers"] = nlohmann::ordered_json::array();
    j["tiers"].push_back({{"name", "hbm"}, {"scope", "instance"}, {"read_bytes", 10}, {"energy_j", 0.5}});
    j["tiers"].push_back({{"name", "q\"lc"}, {"scope", "node"}, {"read_bytes", 20}, {"energy_j", 1.25},
                          {"flash", {{"waf", 1.5}, {"over_time", {{{"start_s", 0}, {"waf", 1.0}}}}}}});
    j["energy_j"] = 1.75;
    // Worked by hand from the contract in prometheus_text.h.
    const char* want =
        "# TYPE kvtier_info gauge\n"
        "kvtier_info{version=\"1.0\"} 1\n"
        "# TYPE kvtier_complete gauge\n"
        "kvtier_complete 1\n"
        "# TYPE kvtier_requests_total counter\n"
        "kvtier_requests_total 3\n"
        "# TYPE kvtier_requests_rejected gauge\n"
        "kvtier_requests_rejected 0\n"
        "# TYPE kvtier_ttft_p50_seconds gauge\n"
        "kvtier_ttft_p50_seconds 0.0015\n"
        "# TYPE kvtier_ttft_mean_seconds gauge\n"
        "kvtier_ttft_mean_seconds 2.5\n"
        "# TYPE kvtier_wait_mean_seconds gauge\n"
        "kvtier_wait_mean_seconds 2.5e-07\n"
        "# TYPE kvtier_ratio gauge\n"
        "kvtier_ratio NaN\n"
        "# TYPE kvtier_tier_info gauge\n"
        "kvtier_tier_info{tier=\"hbm\",scope=\"instance\"} 1\n"
        "kvtier_tier_info{tier=\"q\\\"lc\",scope=\"node\"} 1\n"
        "# TYPE kvtier_tier_read_bytes gauge\n"
        "kvtier_tier_read_bytes{tier=\"hbm\"} 10\n"
        "kvtier_tier_read_bytes{tier=\"q\\\"lc\"} 20\n"
        "# TYPE kvtier_tier_energy_joules gauge\n"
        "kvtier_tier_energy_joules{tier=\"hbm\"} 0.5\n"
        "kvtier_tier_energy_joules{tier=\"q\\\"lc\"} 1.25\n"
        "# TYPE kvtier_tier_flash_waf gauge\n"
        "kvtier_tier_flash_waf{tier=\"q\\\"lc\"} 1.5\n"
        "# TYPE kvtier_energy_joules gauge\n"
        "kvtier_energy_joules 1.75\n";
    CHECK(prometheus_text(j) == want);
  }

  TEST_CASE("prometheus snapshot: an empty summary is an empty snapshot") {
    CHECK(prometheus_text(nlohmann::ordered_json::object()).empty());
  }
}
