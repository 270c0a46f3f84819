// Where a run's outputs go, and how they are written.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace kvtier {

// `requested` if given (created if missing; files in it are replaced), else a new
// results/<YYYYmmdd-HHMMSS>-<label> that never overwrites an earlier run.
// Contract: throws Error(kIoErr) when the directory cannot be created.
std::filesystem::path make_results_dir(const std::string& requested, std::string_view label);

// Writes via a temporary file and a rename, so a reader never sees half a file and an
// earlier complete file is never lost to a failed write. Throws Error(kIoErr).
void write_file_atomic(const std::filesystem::path& path, std::string_view text);

}  // namespace kvtier
