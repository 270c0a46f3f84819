// Real bytes under every tier of a run (--backing real): a RAM arena for each copy of a
// memory tier (capped: the run is refused when their capacity would not fit), an io_uring
// file for each copy of a flash tier (<dir>/<tier>-<copy>.data), the RocksDB block
// directory (<dir>/directory) and optionally an ack log. Each block's bytes are scaled
// down by `scale` (at least one byte of payload), so a laptop can replay a fleet's trace.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tiers/backing/backed_copy.h"
#include "tiers/backing/block_directory.h"
#include "tiers/hierarchy.h"

namespace kvtier {

struct BackingOptions {
  std::string dir;                 // where the flash files and the directory go
  double scale = 1.0 / 64;         // share of each block's bytes that is really stored
  AckLevel ack = AckLevel::kDurable;
  std::uint64_t ram_cap_bytes = 4ULL << 30;  // all memory tiers' arenas together
  unsigned queue_depth = 32;
  bool direct = true;              // O_DIRECT for flash files
  std::string ack_log;             // empty: none
  bool measured_timing = false;    // flash tiers' ports held for their measured I/O times
  // Resume: `dir` holds an earlier (killed) run of the same system; its flash blocks that
  // are intact start the run in their tiers, the rest leave the directory.
  bool resume = false;
};

// Measured timing of a flash tier: its real I/Os, and what the model charges for a block.
struct MeasuredTierTiming {
  std::uint64_t reads = 0;
  std::uint64_t writes = 0;
  SimTimeNs read_extra_ns = 0;         // charged per read on top: the unstored bytes, modelled
  SimTimeNs write_extra_ns = 0;
  double read_mean_ns = 0;             // as measured, at the stored size
  std::uint64_t read_p50_ns = 0;
  std::uint64_t read_p99_ns = 0;
  double write_mean_ns = 0;
  std::uint64_t write_p50_ns = 0;
  std::uint64_t write_p99_ns = 0;
  SimTimeNs modelled_read_ns = 0;      // latency + one block over the tier's bandwidth
  SimTimeNs modelled_write_ns = 0;
};

struct BackedTierSummary {
  std::string name;
  std::string store;  // "ram" or "io_uring"
  bool direct = false;
  std::uint64_t frame_bytes = 0;
  std::uint64_t written_frames = 0;
  std::uint64_t read_frames = 0;
  std::uint64_t acked_frames = 0;
  std::uint64_t written_bytes = 0;
  std::uint64_t read_bytes = 0;
  std::optional<MeasuredTierTiming> measured;  // with measured timing, flash tiers
};

class BackingSet {
 public:
  // Attaches a BackedCopy to every copy of every tier of `hierarchy`. Contract: throws
  // Error(kConfig) for a scale out of (0, 1] or arenas over the RAM cap, Error(kIoErr) if
  // a file or the directory cannot be set up.
  BackingSet(Hierarchy& hierarchy, const BackingOptions& options, const std::function<void(std::string_view)>& warn);
  ~BackingSet();

  // Waits for every write, acknowledges it, and marks the directory complete (`complete`)
  // or not. Errors throw (kIoErr). A set destroyed without it acknowledges nothing more.
  void finish(bool complete);
  std::uint64_t payload_bytes() const { return payload_bytes_; }
  std::uint64_t restored_blocks() const { return restored_; }
  std::uint64_t dropped_blocks() const { return dropped_; }  // listed, but missing, corrupt or without room
  const BackingOptions& options() const { return options_; }
  const BlockDirectory& directory() const { return *directory_; }
  std::vector<BackedTierSummary> summarize(const Hierarchy& hierarchy) const;

 private:
  BackingOptions options_;
  std::uint64_t payload_bytes_ = 0;
  std::uint64_t generation_ = 0;
  std::unique_ptr<BlockDirectory> directory_;
  std::unique_ptr<AckLog> log_;
  void restore(Hierarchy& hierarchy);

  std::vector<std::vector<std::unique_ptr<BackedCopy>>> copies_;  // by level, then copy
  std::uint64_t restored_ = 0;
  std::uint64_t dropped_ = 0;
};

// The block directory of a backing directory (for `kvtier verify`).
std::string directory_path(const std::string& backing_dir);

}  // namespace kvtier
