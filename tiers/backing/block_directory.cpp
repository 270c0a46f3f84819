#include "tiers/backing/block_directory.h"

#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/options.h>
#include <rocksdb/write_batch.h>

#include <cstdarg>
#include <filesystem>
#include <fmt/format.h>

#include "kvtier/error.h"

namespace kvtier {

std::string_view ack_level_name(AckLevel ack) {
  switch (ack) {
    case AckLevel::kAccepted: return "accepted";
    case AckLevel::kDurable: return "durable";
    case AckLevel::kWritten: break;
  }
  return "written";
}

namespace {
constexpr std::size_t kKeyBytes = 17;    // 'b', level, copy, block: big-endian, so keys sort by them
constexpr std::size_t kValueBytes = 36;  // slot, offset, length, generation, crc: little-endian

void put_be(std::string& s, std::uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xFFU));
}
std::uint64_t get_be(const char* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}
void put_le(std::string& s, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) s.push_back(static_cast<char>((v >> (8 * i)) & 0xFFU));
}
std::uint64_t get_le(const char* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

std::string key_of(std::uint32_t level, std::uint32_t copy, BlockId block) {
  std::string k = "b";
  put_be(k, level, 4);
  put_be(k, copy, 4);
  put_be(k, block, 8);
  return k;
}

// RocksDB's own info log is a file beside the database; on a full disk its writes fail and
// the library then aborts on close. kvtier reports what matters itself, so it goes nowhere.
class NoInfoLog final : public rocksdb::Logger {
 public:
  using rocksdb::Logger::Logv;
  void Logv(const char* /*format*/, va_list /*ap*/) override {}
};

rocksdb::WriteOptions write_options(AckLevel ack) {
  rocksdb::WriteOptions w;
  w.disableWAL = ack == AckLevel::kAccepted;
  w.sync = ack == AckLevel::kDurable;
  return w;
}
}  // namespace

struct BlockDirectory::Db {
  std::unique_ptr<rocksdb::DB> db;
  void check(const rocksdb::Status& s, std::string_view what, const std::string& path) const {
    if (s.ok()) return;
    // A directory whose files RocksDB finds damaged is bad data (as a corrupt frame is);
    // anything else is the file system failing.
    throw Error(s.IsCorruption() ? ExitCode::kDataErr : ExitCode::kIoErr,
                fmt::format("{}: block directory {}: {}", path, what, s.ToString()));
  }
};

BlockDirectory::BlockDirectory(const std::string& path, bool create) : path_(path), db_(std::make_unique<Db>()) {
  if (!create && !std::filesystem::exists(std::filesystem::path(path) / "CURRENT")) {
    throw Error(ExitCode::kNoInput, fmt::format("{}: no block directory here (was the run made with --backing real?)", path));
  }
  rocksdb::Options options;
  options.create_if_missing = create;
  options.paranoid_checks = true;
  options.max_open_files = 64;
  options.info_log = std::make_shared<NoInfoLog>();
  rocksdb::DB* raw = nullptr;
  // An existing directory is only read (kvtier verify): a read-only open replays the
  // write-ahead log of a killed run in memory and writes nothing, even on a full disk.
  db_->check(create ? rocksdb::DB::Open(options, path, &raw) : rocksdb::DB::OpenForReadOnly(options, path, &raw), "open",
             path);
  db_->db.reset(raw);
}

BlockDirectory::~BlockDirectory() = default;

void BlockDirectory::put(const DirectoryEntry& e, AckLevel ack) {
  std::string v;
  v.reserve(kValueBytes);
  put_le(v, e.slot, 8);
  put_le(v, e.offset, 8);
  put_le(v, e.payload_bytes, 8);
  put_le(v, e.generation, 8);
  put_le(v, e.payload_crc, 4);
  db_->check(db_->db->Put(write_options(ack), key_of(e.level, e.copy, e.block), v), "put", path_);
}

void BlockDirectory::erase(std::uint32_t level, std::uint32_t copy, BlockId block, AckLevel ack) {
  db_->check(db_->db->Delete(write_options(ack), key_of(level, copy, block)), "delete", path_);
}

void BlockDirectory::put_meta(std::string_view key, std::string_view value) {
  db_->check(db_->db->Put(write_options(AckLevel::kDurable), fmt::format("m{}", key), rocksdb::Slice(value.data(), value.size())),
             "put", path_);
}

std::optional<std::string> BlockDirectory::meta(std::string_view key) const {
  std::string value;
  rocksdb::ReadOptions r;
  r.verify_checksums = true;
  const rocksdb::Status s = db_->db->Get(r, fmt::format("m{}", key), &value);
  if (s.IsNotFound()) return std::nullopt;
  db_->check(s, "get", path_);
  return value;
}

void BlockDirectory::for_each(const std::function<void(const DirectoryEntry&)>& visit) const {
  rocksdb::ReadOptions r;
  r.verify_checksums = true;
  std::unique_ptr<rocksdb::Iterator> it(db_->db->NewIterator(r));
  for (it->Seek("b"); it->Valid() && it->key().starts_with("b"); it->Next()) {
    const rocksdb::Slice k = it->key();
    const rocksdb::Slice v = it->value();
    if (k.size() != kKeyBytes || v.size() != kValueBytes) {
      throw Error(ExitCode::kDataErr, fmt::format("{}: block directory: an entry of {} + {} B (expected {} + {})", path_,
                                                  k.size(), v.size(), kKeyBytes, kValueBytes));
    }
    DirectoryEntry e;
    e.level = static_cast<std::uint32_t>(get_be(k.data() + 1, 4));
    e.copy = static_cast<std::uint32_t>(get_be(k.data() + 5, 4));
    e.block = get_be(k.data() + 9, 8);
    e.slot = get_le(v.data(), 8);
    e.offset = get_le(v.data() + 8, 8);
    e.payload_bytes = get_le(v.data() + 16, 8);
    e.generation = get_le(v.data() + 24, 8);
    e.payload_crc = static_cast<std::uint32_t>(get_le(v.data() + 32, 4));
    visit(e);
  }
  db_->check(it->status(), "scan", path_);
}

std::uint64_t BlockDirectory::entries() const {
  std::uint64_t n = 0;
  for_each([&n](const DirectoryEntry&) { ++n; });
  return n;
}

}  // namespace kvtier
