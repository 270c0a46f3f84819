#include "core/report/csv_file.h"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>

#include "kvtier/error.h"

namespace kvtier {

CsvFile::CsvFile(const std::filesystem::path& path, std::string_view header)
    : path_(path), file_(std::fopen(path.c_str(), "w")) {
  if (file_ == nullptr) {
    throw Error(ExitCode::kIoErr, fmt::format("cannot create '{}': {}", path_.string(), std::strerror(errno)));
  }
  write(header);
}

CsvFile::~CsvFile() {
  if (file_ != nullptr) std::fclose(file_);
}

void CsvFile::close() {
  const bool failed = std::ferror(file_) != 0;
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (failed || !closed) throw Error(ExitCode::kIoErr, fmt::format("error writing '{}'", path_.string()));
}

}  // namespace kvtier
