// Presets: named TOML tables under configs/<dir>/<name>.toml, built into the binary.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kvtier {

// Text of configs/<dir>/<name>.toml, if built in.
std::optional<std::string_view> find_preset(std::string_view dir, std::string_view name);
// Names of the presets in configs/<dir>/, sorted.
std::vector<std::string> preset_names(std::string_view dir);
// The "# source: ..." comment on each `key = value` line of a preset, by key.
std::map<std::string, std::string> source_comments(std::string_view text);
// The leading comment block of a preset (its one-paragraph description).
std::string preset_description(std::string_view text);

}  // namespace kvtier
