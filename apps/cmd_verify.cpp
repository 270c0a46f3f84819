// kvtier verify: every block a real-backed run's directory lists, read back from its
// store with plain pread (not the io_uring path that wrote it) and checked; with
// --expect, every block an ack log acknowledged and did not remove must be among them.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <tuple>
#include <vector>

#include "apps/commands.h"
#include "kvtier/error.h"
#include "tiers/backing/ack_log.h"
#include "tiers/backing/backing_set.h"
#include "tiers/backing/block_directory.h"
#include "tiers/backing/block_frame.h"

namespace kvtier::cli {

namespace {
namespace fs = std::filesystem;
constexpr std::uint64_t kMaxFrameBytes = 1ULL << 32;  // a frame bigger than any KV block a run stores

struct StoreFile {
  std::string tier;
  std::string path;
  std::uint64_t frame_bytes = 0;
  std::uint64_t payload_bytes = 0;
  int fd = -1;
};
using CopyKey = std::pair<std::uint32_t, std::uint32_t>;               // level, copy
using BlockKey = AckedBlock;

std::string backing_dir_of(const std::string& dir) {
  if (fs::exists(fs::path(dir) / "backing" / "directory" / "CURRENT")) return (fs::path(dir) / "backing").string();
  if (fs::exists(fs::path(dir) / "directory" / "CURRENT")) return dir;
  if (!fs::exists(dir)) throw Error(ExitCode::kNoInput, fmt::format("{}: no such directory", dir));
  throw Error(ExitCode::kNoInput, fmt::format("{}: no block directory here (was it run with --backing real?)", dir));
}

std::map<CopyKey, StoreFile> open_stores(const BlockDirectory& directory, const std::string& backing) {
  const std::optional<std::string> text = directory.meta("stores");
  if (!text) throw Error(ExitCode::kDataErr, fmt::format("{}: the block directory lists no stores", directory.path()));
  std::map<CopyKey, StoreFile> stores;
  try {
    for (const auto& s : nlohmann::json::parse(*text)) {
      StoreFile f;
      f.tier = s.at("tier").get<std::string>();
      f.path = (fs::path(backing) / s.at("file").get<std::string>()).string();
      f.frame_bytes = s.at("frame_bytes").get<std::uint64_t>();
      if (f.frame_bytes < kFrameHeaderBytes || f.frame_bytes > kMaxFrameBytes) {
        throw Error(ExitCode::kDataErr, fmt::format("{}: the stores entry gives {} B frames (expected {} B to {} B)",
                                                    directory.path(), f.frame_bytes, kFrameHeaderBytes, kMaxFrameBytes));
      }
      f.payload_bytes = s.at("payload_bytes").get<std::uint64_t>();
      f.fd = ::open(f.path.c_str(), O_RDONLY | O_CLOEXEC);
      if (f.fd < 0) throw Error(ExitCode::kNoInput, fmt::format("{}: cannot open: {}", f.path, std::strerror(errno)));
      stores[{s.at("level").get<std::uint32_t>(), s.at("copy").get<std::uint32_t>()}] = f;
    }
  } catch (const nlohmann::json::exception& e) {
    throw Error(ExitCode::kDataErr, fmt::format("{}: the stores entry is not valid: {}", directory.path(), e.what()));
  }
  return stores;
}

std::map<BlockKey, std::uint64_t> acknowledged(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw Error(ExitCode::kNoInput, fmt::format("{}: cannot open the ack log", path));
  std::ostringstream whole;
  whole << file.rdbuf();
  return parse_ack_log(whole.str(), path);
}
}  // namespace

int verify_command(const VerifyArgs& args) {
  const std::string backing = backing_dir_of(args.dir);
  const BlockDirectory directory(directory_path(backing), false);
  std::map<CopyKey, StoreFile> stores = open_stores(directory, backing);
  // The ack log first: bad input stops before any work.
  const std::map<BlockKey, std::uint64_t> acked =
      args.expect.empty() ? std::map<BlockKey, std::uint64_t>{} : acknowledged(args.expect);
  std::uint64_t intact = 0;
  std::uint64_t missing = 0;
  std::uint64_t corrupt = 0;
  std::map<BlockKey, std::uint64_t> listed;  // intact entries: generation
  std::vector<std::byte> frame;
  std::vector<std::byte> expected_payload;
  directory.for_each([&](const DirectoryEntry& e) {
    const auto it = stores.find({e.level, e.copy});
    if (it == stores.end()) {
      ++missing;
      std::fprintf(stderr, "verify: block %016llx (level %u copy %u): no store for its tier copy\n",
                   static_cast<unsigned long long>(e.block), e.level, e.copy);
      return;
    }
    const StoreFile& f = it->second;
    frame.assign(static_cast<std::size_t>(f.frame_bytes), std::byte{0});
    const ssize_t got = ::pread(f.fd, frame.data(), frame.size(), static_cast<off_t>(e.offset));
    if (got < 0) throw Error(ExitCode::kIoErr, fmt::format("{}: read at offset {}: {}", f.path, e.offset, std::strerror(errno)));
    FrameCheck c = check_frame(frame, e.block, e.generation, e.payload_bytes);
    if (c.state == FrameState::kIntact && (c.header.payload_crc != e.payload_crc || c.header.level != e.level ||
                                           c.header.copy != e.copy || c.header.slot != e.slot)) {
      c.state = FrameState::kCorrupt;
      c.why = "header disagrees with the directory entry";
    }
    if (c.state == FrameState::kIntact) {
      // The checksum held; the bytes must also be the block's own (a payload is a function of its id).
      expected_payload.resize(static_cast<std::size_t>(e.payload_bytes));
      fill_payload(e.block, expected_payload);
      if (std::memcmp(expected_payload.data(), frame.data() + kFrameHeaderBytes, expected_payload.size()) != 0) {
        c.state = FrameState::kCorrupt;
        c.why = "payload is not the block's content (its checksum matches other bytes)";
      }
    }
    switch (c.state) {
      case FrameState::kIntact:
        ++intact;
        listed[{e.level, e.copy, e.block}] = e.generation;
        return;
      case FrameState::kMissing: ++missing; break;
      case FrameState::kCorrupt: ++corrupt; break;
    }
    std::fprintf(stderr, "verify: %s: block %016llx (tier %s copy %u) at offset %llu: %s: %s\n", f.path.c_str(),
                 static_cast<unsigned long long>(e.block), f.tier.c_str(), e.copy,
                 static_cast<unsigned long long>(e.offset), c.state == FrameState::kMissing ? "missing" : "corrupt",
                 c.why.c_str());
  });
  std::uint64_t lost = 0;
  std::uint64_t expected = 0;
  if (!args.expect.empty()) {
    for (const auto& [key, generation] : acked) {
      ++expected;
      const auto it = listed.find(key);
      if (it != listed.end() && it->second == generation) continue;
      ++lost;
      std::fprintf(stderr, "verify: block %016llx (level %u copy %u) generation %llu was acknowledged and is %s\n",
                   static_cast<unsigned long long>(std::get<2>(key)), std::get<0>(key), std::get<1>(key),
                   static_cast<unsigned long long>(generation), it == listed.end() ? "not intact in the directory" : "of another generation");
    }
  }
  for (auto& [key, f] : stores) ::close(f.fd);
  const std::optional<std::string> complete = directory.meta("complete");
  std::printf("verify: %s: %llu blocks listed: %llu intact, %llu missing, %llu corrupt (run %s, ack %s)\n",
              backing.c_str(), static_cast<unsigned long long>(intact + missing + corrupt),
              static_cast<unsigned long long>(intact), static_cast<unsigned long long>(missing),
              static_cast<unsigned long long>(corrupt), complete == "true" ? "complete" : "incomplete",
              directory.meta("ack").value_or("?").c_str());
  if (!args.expect.empty()) {
    std::printf("verify: %s: %llu blocks acknowledged, %llu lost\n", args.expect.c_str(),
                static_cast<unsigned long long>(expected), static_cast<unsigned long long>(lost));
  }
  return missing + corrupt + lost == 0 ? 0 : static_cast<int>(ExitCode::kDataErr);
}

}  // namespace kvtier::cli
