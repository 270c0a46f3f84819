// A flash translation layer at KV-block granularity: where each block's bytes sit on the
// NAND, how much of each erase block is still valid, and what garbage collection moves.
//
// The volume is `raw = logical x (1 + over-provisioning)` bytes of erase blocks (the GC
// unit: a superblock on real drives), allocated in indirection units (IU). A write
// appends the block to its stream's open erase block, spilling into fresh ones as it
// fills them; a block not a multiple of the IU programs whole IUs (read-modify-write, so
// NAND bytes >= host bytes). A trim (the block was evicted or overwritten) makes its IUs
// invalid. When free erase blocks fall to the threshold, garbage collection picks a
// sealed victim (greedy: fewest valid IUs, the latest to reach that count first among equals;
// fifo: sealed first; cost_benefit: greatest (1 - u) / 2u x age, Rosenblum and
// Ousterhout, SOSP'91), copies its valid IUs into the GC stream's open block (NAND writes
// that the host did not ask for) and erases it (one P/E cycle).
// WAF = NAND IUs programmed (host + relocated) x IU / host bytes.
//
// Blocks are named by the caller's dense slot (the tier's store slot), so the FTL needs
// no index of its own. Memory: 12 bytes per slot, 12 per extra piece (a block touching
// k erase blocks has k - 1; about 0.1 for 5 MiB blocks in 48 MiB erase blocks), 4 per
// piece placed in an erase block since its erase, and about 76 per erase block ever
// written (untouched ones cost nothing).
#pragma once

#include <cstdint>
#include <vector>

#include "core/memory/prefetch.h"
#include "tiers/block_id.h"

namespace kvtier {

enum class GcPolicy { kGreedy, kFifo, kCostBenefit };

struct FtlConfig {
  std::uint64_t logical_bytes = 0;
  double over_provisioning = 0.145;
  std::uint64_t iu_bytes = 16 * 1024;
  std::uint64_t erase_block_bytes = 48ULL << 20;
  GcPolicy gc = GcPolicy::kGreedy;
  double gc_threshold = 0.01;  // share of erase blocks kept free (at least 2)
  std::uint32_t streams = 1;   // host write streams: FDP placement handles
  std::size_t expected_slots = 0;  // reserves the per-slot array up front
};

// NAND work one call caused, for the timing model.
struct FtlWork {
  std::uint64_t programmed_ius = 0;  // the host data
  std::uint64_t relocated_ius = 0;   // garbage collection copies (read, then programmed)
  std::uint64_t erased_blocks = 0;   // erase blocks garbage collection erased

  FtlWork& operator+=(const FtlWork& o) {
    programmed_ius += o.programmed_ius;
    relocated_ius += o.relocated_ius;
    erased_blocks += o.erased_blocks;
    return *this;
  }
};

class Ftl {
 public:
  // Contract: the config leaves room to collect (see the constructor). Throws
  // std::invalid_argument naming what is too small otherwise.
  explicit Ftl(const FtlConfig& config);

  // Maps `slot` (unmapped) to `bytes` of fresh NAND in `stream`, collecting garbage
  // first when free blocks are short. Contract: stream < streams, bytes > 0, and the
  // live data stays within the logical capacity.
  FtlWork write(Slot slot, std::uint64_t bytes, std::uint32_t stream);
  // Invalidates `slot`'s NAND (unmapped: nothing happens).
  void trim(Slot slot);
  // Hints the cache line of `slot`'s mapping: for callers that know their next trims.
  void prefetch(Slot slot) const {
    if (slot < heads_.size()) prefetch_line(&heads_[slot]);
  }
  bool mapped(Slot slot) const { return slot < heads_.size() && heads_[slot].block != kNone; }
  // The erase block holding the first IU of `slot` (mapped): in log placement, the
  // region it was written into.
  std::uint32_t region_of(Slot slot) const { return heads_[slot].block; }

  std::uint64_t host_bytes() const { return host_bytes_; }
  std::uint64_t host_ius() const { return host_ius_; }
  std::uint64_t relocated_ius() const { return relocated_ius_; }
  std::uint64_t nand_bytes() const { return (host_ius_ + relocated_ius_) * iu_; }
  std::uint64_t erases() const { return erases_; }
  double waf() const {
    return host_bytes_ == 0 ? 0.0 : static_cast<double>(nand_bytes()) / static_cast<double>(host_bytes_);
  }
  std::uint64_t iu_bytes() const { return iu_; }
  std::uint32_t erase_blocks() const { return total_blocks_; }
  std::uint64_t raw_bytes() const { return static_cast<std::uint64_t>(total_blocks_) * ius_per_block_ * iu_; }
  std::uint32_t free_blocks() const {
    return static_cast<std::uint32_t>(free_.size() - free_head_) + (total_blocks_ - static_cast<std::uint32_t>(blocks_.size()));
  }
  std::uint64_t valid_ius() const { return valid_ius_; }
  std::uint32_t max_pe() const;
  double mean_pe() const { return static_cast<double>(erases_) / static_cast<double>(total_blocks_); }
  std::size_t memory_bytes() const;

 private:
  static constexpr std::uint32_t kNone = UINT32_MAX;
  // A piece reference: a slot's first piece is heads_[slot]; later ones (a block that
  // spills into another erase block) are extra_[ref & ~kExtra].
  using PieceRef = std::uint32_t;
  static constexpr PieceRef kExtra = 0x80000000U;
  enum class State : std::uint8_t { kFree, kOpen, kSealed };
  struct Piece {
    std::uint32_t block = kNone;  // erase block (kNone: unmapped)
    std::uint32_t ius = 0;
    PieceRef next = kNone;        // the block's next piece
  };
  struct EraseBlock {
    std::uint64_t sealed_at = 0;  // IUs written by then: its age for cost-benefit
    std::uint32_t written = 0;    // IUs
    std::uint32_t pe = 0;
    State state = State::kFree;
  };

  Piece& piece(PieceRef r) { return (r & kExtra) != 0 ? extra_[r & ~kExtra] : heads_[r]; }
  const Piece& piece(PieceRef r) const { return (r & kExtra) != 0 ? extra_[r & ~kExtra] : heads_[r]; }
  // Room in `stream`'s open block (opening one, and collecting first for a host stream,
  // when it is full): returns the block.
  std::uint32_t open_block(std::uint32_t stream, FtlWork& work);
  // Puts `ius` IUs into `stream` as piece `r` and, where it spills over, as new extra
  // pieces linked after it.
  void place(PieceRef r, std::uint32_t ius, std::uint32_t stream, FtlWork& work);
  PieceRef new_extra();
  void seal(std::uint32_t b);
  void collect(FtlWork& work);
  std::uint32_t pick_victim();
  std::uint32_t pick_cost_benefit();
  bool is_open(std::uint32_t b) const;
  // Greedy's buckets hold sealed blocks by valid IUs, lazily: a block whose count fell
  // is filed again under the new count and its old entry left behind, to be skipped
  // when met (an entry counts only while its block is sealed with that many valid IUs).
  void file(std::uint32_t b);
  void refile_all();

  std::uint64_t iu_;
  std::uint32_t ius_per_block_;
  GcPolicy gc_;
  std::uint32_t threshold_blocks_;
  std::uint32_t total_blocks_;
  std::vector<EraseBlock> blocks_;  // the blocks used so far (the rest are fresh)
  // Valid IUs per erase block, apart from the rest: every trim touches it, and at 4
  // bytes a block it stays in the last-level cache for drives of millions of blocks.
  std::vector<std::uint32_t> valid_;
  std::vector<std::uint32_t> free_;  // erased blocks, reused oldest first once no fresh one is left
  std::size_t free_head_ = 0;
  std::uint32_t gc_stream_;
  std::vector<std::uint32_t> open_;  // per stream, then the GC stream last (kNone: none open)
  // Per erase block, every piece placed in it, in write order. A trim leaves its entry
  // (a piece whose block is now elsewhere is skipped when read), so trims touch only the
  // piece and its erase block; the list is cleared when the block is erased.
  std::vector<std::vector<PieceRef>> placed_;
  std::vector<Piece> heads_;
  std::vector<Piece> extra_;
  std::vector<PieceRef> free_extra_;
  std::vector<std::vector<std::uint32_t>> buckets_;  // greedy: per valid count, newest last
  std::size_t bucket_entries_ = 0;
  std::uint32_t min_bucket_ = 0;  // no sealed block has fewer valid IUs
  std::vector<std::uint32_t> sealed_order_;  // fifo: sealed blocks in seal order
  std::size_t sealed_head_ = 0;
  std::uint64_t sample_state_ = 0;  // cost-benefit's candidate sampling on large drives
  std::uint64_t clock_ = 0;         // IUs written, host and GC
  std::uint64_t host_bytes_ = 0;
  std::uint64_t host_ius_ = 0;
  std::uint64_t relocated_ius_ = 0;
  std::uint64_t valid_ius_ = 0;
  std::uint64_t erases_ = 0;
};

}  // namespace kvtier
