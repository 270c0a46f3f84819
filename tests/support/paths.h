// Where tests find the shared traces (../shared beside the checkout) and scratch space.
#pragma once

#include <filesystem>
#include <string>

namespace kvtier::test {

inline std::filesystem::path shared_dir() { return KVTIER_SHARED_DIR; }
inline std::filesystem::path mooncake_trace() {
  return shared_dir() / "traces" / "mooncake" / "conversation_trace.jsonl";
}
// A file of tests/support/ (configurations the C++ and CLI tests share).
inline std::string support_file(const std::string& name) {
  return (std::filesystem::path(KVTIER_TEST_SUPPORT_DIR) / name).string();
}
// A fresh directory under the build tree for one test.
std::filesystem::path scratch_dir(const std::string& name);

}  // namespace kvtier::test
