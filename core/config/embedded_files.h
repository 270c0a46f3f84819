// Files compiled into the binary (configs/**), so that a bare `kvtier run` needs nothing
// on disk. The table is generated at build time by cmake/EmbedFiles.cmake.
#pragma once

#include <string_view>
#include <vector>

namespace kvtier {

struct EmbeddedFile {
  std::string_view path;  // relative to configs/, e.g. "tiers/hbm3_h100.toml"
  std::string_view text;
};

const std::vector<EmbeddedFile>& embedded_files();

}  // namespace kvtier
