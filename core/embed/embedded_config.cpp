#include "core/embed/embedded_config.h"

#include <filesystem>

namespace kvtier {

ResolvedConfig load_embedded_config(const std::string& config, const std::string& config_text,
                                    const std::vector<std::string>& overrides, const std::string& trace) {
  std::vector<Override> parsed;
  for (const std::string& s : overrides) parsed.push_back(parse_override(s));
  const std::string path = trace.empty() ? "" : std::filesystem::absolute(trace).lexically_normal().string();
  if (!config_text.empty()) return load_config_text(config_text, "config_text", parsed, path);
  return load_config(ConfigRequest{config, parsed, path});
}

}  // namespace kvtier
