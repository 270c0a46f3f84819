// libFuzzer: any bytes as co-simulation request lines (split at newlines), to one session
// that lives across inputs so that its state is fuzzed too: the default system (three
// tiers, timing on, so that every move is timed) made small enough to evict. Every reply must be one JSON
// object with "ok"; a refusal must carry exit 64 or 65 and an error naming its line.
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/embed/cosim_session.h"

namespace {
kvtier::CosimSession& session() {
  static kvtier::CosimSession s = [] {
    kvtier::TierModelOptions o;
    o.overrides = {"tiers.hbm.capacity=4 blocks", "tiers.ddr.capacity=16 blocks", "tiers.qlc.capacity=64 blocks"};
    return kvtier::CosimSession(kvtier::TierModel(o));
  }();
  return s;
}

void check(const std::string& reply) {
  const auto j = nlohmann::json::parse(reply, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("ok") || !j["ok"].is_boolean()) std::abort();
  if (j["ok"].get<bool>()) return;
  const int code = j.value("exit_code", 0);
  if (code != 64 && code != 65) std::abort();
  if (!j["error"].is_string() || !j["error"].get<std::string>().starts_with("line ")) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  while (!input.empty()) {
    const std::size_t end = input.find('\n');
    check(session().handle(input.substr(0, end)));
    if (end == std::string_view::npos) break;
    input.remove_prefix(end + 1);
  }
  return 0;
}
