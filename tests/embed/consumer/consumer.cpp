// The C++ API as an installed package's user sees it: only <kvtier/...> headers.
#include <kvtier/run.h>
#include <kvtier/tier_model.h>
#include <kvtier/version.h>

#include <cstdio>
#include <string>
#include <vector>

int main() {
  kvtier::TierModelOptions options;
  options.config = "h100-tp4-4tier";
  kvtier::TierModel model(options);
  const std::vector<std::uint64_t> blocks{17, 18, 19};
  model.use(0, blocks, 0);
  const kvtier::RequestUse again = model.use(0, blocks, 1'000'000);
  if (again.prefix_hit_blocks != 3 || again.found_level != std::vector<int>{0, 0, 0}) {
    std::fprintf(stderr, "consumer: the second use did not hit the first tier\n");
    return 1;
  }
  kvtier::RunOptions run;
  run.config = "cache-only";
  run.overrides = {"workload.duration=20s"};
  const std::string summary = kvtier::run_summary_json(run);
  if (summary.find("\"complete\": true") == std::string::npos) {
    std::fprintf(stderr, "consumer: the run did not complete:\n%s", summary.c_str());
    return 1;
  }
  try {
    options.overrides = {"tiers.hbm.eviction=nosuch"};
    kvtier::TierModel bad(options);
    return 1;
  } catch (const kvtier::Error& e) {
    if (e.code() != kvtier::ExitCode::kConfig) return 1;
  }
  std::printf("consumer (kvtier %s): ok\n", kvtier::kVersion);
  return 0;
}
