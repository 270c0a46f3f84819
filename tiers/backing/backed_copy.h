// The real bytes of one copy of a tier in a real-backed run (--backing real): every block
// its store takes is written as a frame (tiers/backing/block_frame.h) into its frame
// store; every read checks the frame's header and CRC-32C and stops the run on a
// mismatch, naming the block and offset. A victim of any tier but the bottom one is read
// as it leaves (to be written below); the bottom tier drops its victims unread.
//
// Frames are placed as the tier places blocks: at their slot (the host writes where it
// likes: `device` and `fdp` placement, and tiers without a NAND model; a free frame if a
// restored block holds the slot's), or, in `log` placement, appended to a circular log in
// write order (the next frame not still held), so the device sees the sequential writes a
// log-structured cache makes.
//
// A persistent store's blocks are entered into the block directory once their write has
// completed (at the run's ack level; durable: after an fdatasync), and removed before
// their frame can be reused. An ack log, if given, gets "+ level copy block generation"
// after each entry and "- ..." before each removal, each line one write(2), so a checker
// can tell which blocks were acknowledged when the process died.
//
// With measured timing (a persistent store only), every write is waited for as it is
// made and every read and write is timed; the hierarchy then holds the copy's port for
// those times (IServiceTimer), plus, below scale 1, the bytes not stored at the tier's
// modelled bandwidth: the device's real latency and speed on what it did, the model on
// the rest. The device serves one I/O at a time this way, so its own queueing is not in
// the times; the simulated queue in front of the port is the model's.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "tiers/backing/ack_log.h"
#include "tiers/backing/block_directory.h"
#include "tiers/backing/i_frame_store.h"
#include "core/stats/histogram.h"
#include "tiers/block_observer.h"
#include "tiers/i_service_timer.h"

namespace kvtier {

struct BackedCopyStats {
  std::uint64_t written_frames = 0;
  std::uint64_t read_frames = 0;
  std::uint64_t acked_frames = 0;  // entered into the directory
  Histogram read_ns;   // measured timing: each read's service time, as measured
  Histogram write_ns;
};

// Measured timing of a backed copy: whether its I/Os are timed, and what each is charged
// on top of its measured time (the unstored bytes of a block at the modelled rate).
struct BackedTiming {
  bool on = false;
  SimTimeNs read_extra_ns = 0;
  SimTimeNs write_extra_ns = 0;
};

class BackedCopy final : public IBlockObserver, public IServiceTimer {
 public:
  struct Where {
    std::uint32_t level = 0;
    std::uint32_t copy = 0;
    std::string tier;
    bool bottom = false;  // the last level: victims are dropped unread
    bool log = false;     // frames appended in write order (log placement)
    std::uint64_t frames = 0;  // the store's frames (the copy's capacity in blocks)
  };
  // Contract: `directory` and `log` (either may be null: no directory entries, no log)
  // and `generation` outlive the copy; payload_bytes + the header fit in a frame.
  // With `timing.on`, every I/O is timed and charged with the extra time given.
  BackedCopy(Where where, std::unique_ptr<IFrameStore> store, std::uint64_t payload_bytes, BlockDirectory* directory,
             AckLevel ack, AckLog* log, std::uint64_t* generation, BackedTiming timing = BackedTiming{});

  void written(Slot slot, const BlockAccess& block) override;
  void released(Slot slot) override;
  void read(Slot slot, const BlockAccess& block) override;
  SimTimeNs take_read_ns() override { return take(unclaimed_read_ns_); }
  SimTimeNs take_write_ns() override { return take(unclaimed_write_ns_); }

  // Waits for every write and acknowledges it.
  void finish();
  // Restoring an earlier run's blocks (--resume): whether the entry's frame holds what it
  // lists, and, for one that does, taking it as the next block the store is written
  // (its frame is kept, not written again).
  bool intact(const DirectoryEntry& entry);
  void adopt(const DirectoryEntry& entry);
  void adopt_cancel() { restoring_ = nullptr; }  // the store did not take it
  const BackedCopyStats& stats() const { return stats_; }
  const IFrameStore& store() const { return *store_; }
  const Where& where() const { return where_; }
  const BackedTiming& timing() const { return timing_; }

 private:
  struct Held {
    BlockId block = 0;
    std::uint64_t frame = 0;       // where in the store
    std::uint64_t generation = 0;  // 0: the slot holds nothing
    std::uint32_t payload_crc = 0;
    bool acked = false;
  };
  void acknowledge();
  void check(Slot slot);
  std::uint64_t place(Slot slot);
  bool frame_free(std::uint64_t frame) const;
  static SimTimeNs take(std::uint64_t& unclaimed_ns) { return static_cast<SimTimeNs>(std::exchange(unclaimed_ns, 0)); }

  Where where_;
  std::unique_ptr<IFrameStore> store_;
  std::uint64_t payload_bytes_;
  BlockDirectory* directory_;
  AckLevel ack_;
  AckLog* log_;
  std::uint64_t* generation_;
  std::vector<Held> held_;  // by slot
  std::vector<Slot> slot_of_frame_;  // the slot whose block a frame holds (or held)
  std::uint64_t log_head_ = 0;       // log placement: the next frame to try
  std::vector<std::uint64_t> free_frames_;  // slot placement: frames let go
  std::uint64_t fresh_frame_ = 0;           // slot placement: frames below it may have been used
  const DirectoryEntry* restoring_ = nullptr;
  std::vector<std::byte> frame_;
  std::vector<std::uint64_t> completed_;
  BackedTiming timing_;
  std::uint64_t unclaimed_read_ns_ = 0;
  std::uint64_t unclaimed_write_ns_ = 0;
  BackedCopyStats stats_;
};


}  // namespace kvtier
