// Loads a system configuration: the system file (or a built-in one), the presets its
// sections name, and --set overrides, validated against each component's schema.
//
// Layering, lowest first: schema default < preset (and the presets it names) < system
// file < --set. Unknown sections and keys, duplicate keys, bad types and bad units are
// errors (exit 78) that name file:line:col, or the --set that caused them.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/section.h"

namespace kvtier {

// One `--set path=value`, e.g. "tiers.hbm.capacity=64GiB".
struct Override {
  std::string path;
  std::string value;
};
// Contract: throws Error(kUsage) when `arg` has no '=' or an empty path.
Override parse_override(std::string_view arg);

struct ConfigRequest {
  std::string config;  // a file, or the name of a built-in system; empty: "default"
  std::vector<Override> overrides;
  std::string trace_path;  // non-empty: [workload] becomes a replay of this Mooncake trace
};

class ResolvedConfig {
 public:
  const std::string& origin() const { return origin_; }
  // Contract: throws a config error naming the section when it is absent.
  const Section& section(std::string_view name) const;
  const Section* find(std::string_view name) const;
  // Sections named "<group>.<x>" ("tiers", "links"), in name order.
  std::vector<const Section*> group(std::string_view group) const;
  const std::vector<Section>& sections() const { return sections_; }
  // The whole configuration with every default filled in: re-running it reproduces the run.
  std::string to_toml() const;

 private:
  friend class ConfigBuilder;
  std::string origin_;
  std::vector<Section> sections_;
};

ResolvedConfig load_config(const ConfigRequest& request);
// The same for a system given as text (embedders, tests and fuzzing); `label` names it in
// errors.
ResolvedConfig load_config_text(std::string_view text, std::string_view label,
                                const std::vector<Override>& overrides = {}, const std::string& trace_path = "");

// A system as the CLI's commands and the embedding entry points name it: a file or built-in
// name (or, if not empty, TOML text), --set-style "path=value" overrides, and a trace
// (empty: the configured workload), made absolute so that config.resolved.toml and the
// outputs name the same file from any directory. Contract: throws Error as the two above.
ResolvedConfig load_system(const std::string& config, const std::string& config_text,
                           const std::vector<std::string>& overrides, const std::string& trace);

}  // namespace kvtier
