#include "core/report/results_dir.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fmt/format.h>

#include "kvtier/error.h"

namespace kvtier {

namespace {
std::string safe_label(std::string_view label) {
  std::string out;
  for (const char c : label) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    out.push_back(ok ? c : '_');
  }
  return out.empty() ? "run" : out;
}

void create(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw Error(ExitCode::kIoErr, fmt::format("cannot create results directory '{}': {}", dir.string(), ec.message()));
}
}  // namespace

std::filesystem::path make_results_dir(const std::string& requested, std::string_view label) {
  if (!requested.empty()) {
    create(requested);
    return requested;
  }
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
  const std::filesystem::path base = std::filesystem::path("results") / fmt::format("{}-{}", stamp, safe_label(label));
  std::filesystem::path dir = base;
  for (int n = 2; std::filesystem::exists(dir); ++n) dir = base.string() + fmt::format("-{}", n);
  create(dir);
  return dir;
}

void write_file_atomic(const std::filesystem::path& path, std::string_view text) {
  const std::filesystem::path tmp = path.string() + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) throw Error(ExitCode::kIoErr, fmt::format("cannot write '{}': {}", tmp.string(), std::strerror(errno)));
  const bool wrote = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  const int saved_errno = errno;
  if (std::fclose(f) != 0 || !wrote) {
    std::remove(tmp.c_str());
    throw Error(ExitCode::kIoErr, fmt::format("cannot write '{}': {}", path.string(), std::strerror(wrote ? errno : saved_errno)));
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    throw Error(ExitCode::kIoErr, fmt::format("cannot rename '{}' to '{}': {}", tmp.string(), path.string(), std::strerror(errno)));
  }
}

}  // namespace kvtier
