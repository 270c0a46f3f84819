// The block directory of a real-backed run, in RocksDB: for every block a persistent
// (flash) tier copy holds, where its frame is, its generation and its payload's CRC-32C.
// `kvtier verify` reads it back against the stores after the run, or after a kill -9.
//
// Ack levels say what an entry's presence promises:
//   accepted  nothing survives the process (no write-ahead log);
//   written   the entry survives kill -9 (the WAL is written to the kernel at each update);
//   durable   the entry and its data survive power loss (the store's data is fdatasync'ed
//             before the entry, which is written with a synced WAL).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "tiers/block_id.h"

namespace kvtier {

enum class AckLevel { kAccepted, kWritten, kDurable };
std::string_view ack_level_name(AckLevel ack);

struct DirectoryEntry {
  std::uint32_t level = 0;
  std::uint32_t copy = 0;
  BlockId block = 0;
  std::uint64_t slot = 0;           // the frame's index in the copy's store
  std::uint64_t offset = 0;         // of the frame in the copy's store
  std::uint64_t payload_bytes = 0;
  std::uint64_t generation = 0;
  std::uint32_t payload_crc = 0;
};

class BlockDirectory {
 public:
  // Opens the RocksDB database at `path`: created (or reopened) for writing when `create`,
  // else read-only, and then put, erase and put_meta must not be called. Contract: throws
  // Error(kNoInput) if it is absent and not created, Error(kIoErr) on any other failure.
  BlockDirectory(const std::string& path, bool create);
  ~BlockDirectory();
  BlockDirectory(const BlockDirectory&) = delete;
  BlockDirectory& operator=(const BlockDirectory&) = delete;

  void put(const DirectoryEntry& entry, AckLevel ack);
  void erase(std::uint32_t level, std::uint32_t copy, BlockId block, AckLevel ack);
  // Run-wide facts (the stores' files and frame sizes), always written with a synced WAL.
  void put_meta(std::string_view key, std::string_view value);
  std::optional<std::string> meta(std::string_view key) const;
  // Every entry, in (level, copy, block) order.
  void for_each(const std::function<void(const DirectoryEntry&)>& visit) const;
  std::uint64_t entries() const;
  const std::string& path() const { return path_; }

 private:
  struct Db;
  std::string path_;
  std::unique_ptr<Db> db_;
};

}  // namespace kvtier
