// libFuzzer: any bytes as up to four --set arguments (one a line) to a run of the built-in
// system, and to a compare of their comma lists. Each must resolve, or throw
// kvtier::Error with a usage (64), config (78) or missing-input (66) code (a path that
// names a file), and never crash; a compare's every combination must resolve alike.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/config/config_loader.h"
#include "core/sim/system_spec.h"
#include "core/sweep/sweep.h"
#include "kvtier/error.h"

namespace {
constexpr std::size_t kMaxSets = 4;
constexpr std::size_t kMaxPoints = 16;  // combinations resolved; beyond, the plan alone

bool allowed(const kvtier::Error& e) {
  return e.code() == kvtier::ExitCode::kUsage || e.code() == kvtier::ExitCode::kConfig ||
         e.code() == kvtier::ExitCode::kNoInput;
}

void resolve(const std::vector<kvtier::Override>& overrides) {
  try {
    kvtier::build_system_spec(kvtier::load_config(kvtier::ConfigRequest{"default", overrides, ""}));
  } catch (const kvtier::Error& e) {
    if (!allowed(e)) std::abort();
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> sets;
  for (std::size_t from = 0; from <= text.size() && sets.size() < kMaxSets;) {
    const std::size_t nl = text.find('\n', from);
    sets.push_back(text.substr(from, nl == std::string::npos ? std::string::npos : nl - from));
    if (nl == std::string::npos) break;
    from = nl + 1;
  }
  try {
    kvtier::build_system_spec(kvtier::load_system("default", "", sets, ""));
  } catch (const kvtier::Error& e) {
    if (!allowed(e)) std::abort();
  }
  try {
    const std::vector<kvtier::SweepAxis> axes = kvtier::parse_sweep(sets);
    std::size_t points = 1;
    for (const kvtier::SweepAxis& a : axes) {
      if (a.values.empty()) std::abort();  // an axis always has a value
      points *= a.values.size();
      if (points > kMaxPoints) return 0;
    }
    for (const std::vector<kvtier::Override>& point : kvtier::expand_sweep(axes)) resolve(point);
  } catch (const kvtier::Error& e) {
    if (e.code() != kvtier::ExitCode::kUsage) std::abort();
  }
  return 0;
}
