// Trace files written and read back by the reader tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "kvtier/error.h"
#include "tests/support/paths.h"
#include "workloads/request.h"

namespace kvtier::test {

inline std::filesystem::path write_trace(const std::string& dir, const std::string& name, const std::string& text) {
  const auto path = scratch_dir(dir) / name;
  std::ofstream(path) << text;
  return path;
}

// Reads a whole trace with `Reader`; returns the error (message and code) if reading
// fails, after appending every request read before it to `out`.
template <class Reader, class Options>
std::pair<std::string, ExitCode> read_all(const std::filesystem::path& path, const Options& options,
                                          std::vector<Request>* out = nullptr) {
  try {
    Reader reader(path.string(), options);
    Request r;
    while (reader.next(r)) {
      if (out != nullptr) out->push_back(r);
    }
  } catch (const Error& e) {
    return {e.what(), e.code()};
  }
  return {"", ExitCode::kOk};
}

}  // namespace kvtier::test
