// libFuzzer: any bytes as a system file. Loading and checking it must either succeed or
// throw kvtier::Error with a config (78) or missing-input (66) code, and never crash.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/config/config_loader.h"
#include "core/sim/system_spec.h"
#include "kvtier/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const kvtier::ResolvedConfig config = kvtier::load_config_text(text, "fuzz.toml");
    kvtier::build_system_spec(config);
    // What resolves must round-trip through its own resolved form.
    kvtier::load_config_text(config.to_toml(), "resolved.toml");
  } catch (const kvtier::Error& e) {
    if (e.code() != kvtier::ExitCode::kConfig && e.code() != kvtier::ExitCode::kNoInput) std::abort();
  }
  return 0;
}
