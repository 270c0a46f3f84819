// The system an embedding call names, as every public entry point takes it: a file or
// built-in name, or TOML text, with --set-style overrides and an optional trace.
#pragma once

#include <string>
#include <vector>

#include "core/config/config_loader.h"

namespace kvtier {

// Contract: throws Error as `kvtier run` would for the same flags (a trace path is made
// absolute, as the CLI makes it, so outputs name the same file wherever they are made).
ResolvedConfig load_embedded_config(const std::string& config, const std::string& config_text,
                                    const std::vector<std::string>& overrides, const std::string& trace);

}  // namespace kvtier
