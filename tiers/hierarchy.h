// The tiers of a system, top (level 0, next to the accelerator) to bottom, and the
// moves of blocks between them.
//
// Every instance sees one chain of tier copies: level 0 is its own; a lower level is its
// own copy, its node's, or the shared pool's (by the tier's scope). A block is looked
// up top-down and used from the first level that has it. Each level evicts by its policy.
// When the level below has write_policy "back" (the default), a victim is demoted
// (written back) to it, which may evict in turn; what leaves the bottom level, or is
// refused by a lower level's admission policy, is dropped. With write_policy "through" a
// block is written to a level as soon as the level above has it; with "selective", once
// it has been hit there write_through_hits times; either way evictions above write
// nothing. Loading a block up copies it, unless its level is exclusive (then it moves); an
// inclusive level's evictions also remove the block from the levels above. Writing a
// block a level already holds writes nothing.
//
// Timing (when enabled) is a transfer per move, reserved at once on every port and link
// of its path (see reserve_transfer in tiers/port.h), the NAND array of a flash_model =
// "nand" tier among them (tiers/flash/nand_timing.h); with timing off, moves are counted
// but take no time. Each tier names the links between it and the first tier: a load crosses all of them
// (towards the accelerator, "up"); a demotion from one tier to the next crosses the links
// their paths do not share (up out of the upper tier's, down into the lower tier's).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/stats/histogram.h"
#include "core/stats/time_weighted.h"
#include "kvtier/sim_time.h"
#include "tiers/block_access.h"
#include "tiers/admission/i_admission_policy.h"
#include "tiers/block_store.h"
#include "tiers/flash/flash_volume.h"
#include "tiers/i_service_timer.h"
#include "tiers/link_spec.h"
#include "tiers/port.h"
#include "tiers/tier_spec.h"

namespace kvtier {

inline constexpr std::size_t kMaxLevels = 8;
inline constexpr std::size_t kMaxLinks = 16;
// The most one Hierarchy::transfer carries (1 PiB): far beyond any tier, and small enough
// that a NAND array's work for it stays within 64-bit nanoseconds.
inline constexpr std::uint64_t kMaxTransferBytes = std::uint64_t{1} << 50;

struct HierarchyConfig {
  std::size_t instances = 1;
  std::size_t instances_per_node = 1;
  std::uint64_t block_bytes = 0;
  bool timed = true;
  // Level 0 is per accelerator: an instance of N accelerators has N of its devices.
  std::int64_t first_tier_devices = 1;
  std::vector<TierSpec> tiers;  // top to bottom
  std::vector<LinkSpec> links;  // looked up by TierSpec::link
};

struct TierStats {
  std::uint64_t hit_blocks = 0;       // block accesses first found at this level
  std::uint64_t inserted_blocks = 0;  // blocks written in: computed, loaded up or demoted down
  std::uint64_t evicted_blocks = 0;
  std::uint64_t demoted_blocks = 0;  // evicted and kept by the level below
  std::uint64_t dropped_blocks = 0;  // evicted and kept nowhere below
  std::uint64_t refused_blocks = 0;  // offered to this tier and refused by its admission policy
  std::uint64_t promoted_blocks = 0;     // loaded up from this tier to the first
  std::uint64_t invalidated_blocks = 0;  // removed because an inclusive tier below evicted them
  std::uint64_t read_bytes = 0;
  std::uint64_t written_bytes = 0;
  TimeWeighted used_blocks;  // summed over the level's copies
  // Each timed transfer out of (into) the level, as fio's completion latency is per I/O:
  // from when its data could leave (when asked, or when it landed at the source if later)
  // to when its last byte lands, queueing on every port and link of its path included.
  Histogram read_latency_ns;
  Histogram write_latency_ns;
};

struct Found {
  int level = -1;  // -1: in no level reachable from the instance
  Slot slot = kNoSlot;
};

class Hierarchy {
 public:
  // Contract: the config was validated (levels <= kMaxLevels, links exist, level 0 is
  // per instance, capacities hold at least one block).
  explicit Hierarchy(HierarchyConfig config);

  std::size_t levels() const { return levels_.size(); }
  std::size_t instances() const { return config_.instances; }
  const TierSpec& tier(std::size_t level) const { return levels_[level].spec; }
  std::size_t copies(std::size_t level) const { return levels_[level].copies.size(); }
  const TierStats& stats(std::size_t level) const { return levels_[level].stats; }
  std::uint64_t capacity_blocks(std::size_t level) const;  // summed over copies
  // The rate one server of a level's port moves a transfer's bytes at (as timing uses it).
  std::uint64_t server_bytes_per_s(std::size_t level, bool write) const {
    const Level& l = levels_[level];
    return (write ? l.write_leg_template : l.read_leg_template).bytes_per_s_per_server;
  }
  std::uint64_t block_bytes() const { return config_.block_bytes; }
  BlockStore& store(std::size_t level, std::size_t instance) { return copy(level, instance).store; }
  const BlockStore& store(std::size_t level, std::size_t instance) const {
    const Level& l = levels_[level];
    return l.copies[l.copy_of[instance]].store;
  }
  // A copy's store by its index (0 .. copies - 1), for attaching observers to it.
  BlockStore& copy_store(std::size_t level, std::size_t copy_index) { return levels_[level].copies[copy_index].store; }
  // A block held before the run began (a resumed run's persistent tier): put in the
  // copy's store and counted as used, not as written. False if the copy is full.
  bool preload(std::size_t level, std::size_t copy_index, const BlockAccess& block);
  // Measured service times for a copy's port (timing on): each transfer out of (into) the
  // copy holds its port for the reads (writes) timed since the last transfer, instead of
  // bytes over bandwidth. Contract: `timer` outlives the hierarchy's use of it.
  void attach_timer(std::size_t level, std::size_t copy_index, IServiceTimer* timer) {
    levels_[level].copies[copy_index].timer = timer;
  }
  const Port& port(std::size_t level, std::size_t copy_index) const { return levels_[level].copies[copy_index].port; }
  // The NAND of a copy of a flash_model = "nand" tier; null for other tiers.
  const FlashVolume* flash(std::size_t level, std::size_t copy_index) const {
    return levels_[level].copies[copy_index].flash.get();
  }
  std::size_t link_count() const { return links_.size(); }
  const LinkSpec& link(std::size_t i) const { return links_[i].spec; }
  std::uint64_t link_bytes(std::size_t i, bool up) const;
  SimTimeNs link_busy_ns(std::size_t i, bool up) const;
  std::size_t link_copies(std::size_t i) const { return links_[i].copies.size(); }

  // True if some tier's policy needs each access's next use (BlockAccess::next_use).
  bool needs_next_use() const { return needs_next_use_; }

  // The first level from `from_level` down that holds the block.
  Found find(std::size_t instance, BlockId id, std::size_t from_level = 0) const;
  // Hint the cache lines a lookup of `id` will read: at level 0, or at every level below it.
  void prefetch(std::size_t instance, BlockId id) const { store(0, instance).prefetch(id); }
  void prefetch_below(std::size_t instance, BlockId id) const {
    for (std::size_t level = 1; level < levels_.size(); ++level) store(level, instance).prefetch(id);
  }
  // Time moved on to `now`: every tier reachable from `instance` lets its leases lapse and
  // drops what has expired (TTL).
  void expire(std::size_t instance, SimTimeNs now) {
    if (any_timed_) expire_all(instance, now);
  }

  // Tells admission policies that count accesses about one (they see every access of the
  // instances that reach their tier copy).
  void observe(std::size_t instance, const BlockAccess& block) {
    if (any_observer_) observe_all(instance, block);
  }

  // One block access with timing off: a hit is touched; a lower-level hit inside the
  // reusable prefix is loaded (copied) up; anything else is computed into level 0.
  // Nothing is pinned. Returns the level it was found at, or -1.
  int access(std::size_t instance, const BlockAccess& block, bool in_prefix);

  // Makes room at level 0 (evicting and demoting) and inserts the block. Returns kNoSlot
  // when every block there is pinned. Counts the write. The block's data is not there yet:
  // call placed() when it is (at once with timing off; when computed or loaded with timing).
  Slot insert_top(std::size_t instance, const BlockAccess& block, bool pinned);
  // The block's data now sits at `level`: levels below written through get their copy.
  void placed(std::size_t level, std::size_t instance, const BlockAccess& block, SimTimeNs now);
  // An access that found the block at `level` (a hit); counts toward selective write-through.
  // With `pin`, the block is also pinned there.
  void hit(std::size_t level, std::size_t instance, Slot slot, const BlockAccess& block, bool pin = false);
  // A block was loaded up from `level`: an exclusive level lets it go (if no one else has
  // it pinned). Counts the promotion.
  void promoted(std::size_t level, std::size_t instance, BlockId id, SimTimeNs now);
  // Moves `blocks` blocks from `level` up to level 0 over the links between, starting no
  // earlier than `not_before` (when the last of them has landed at `level`); returns when
  // the last byte lands (now when timing is off). Counts the bytes.
  SimTimeNs load(std::size_t instance, std::size_t level, std::uint64_t blocks, SimTimeNs now, SimTimeNs not_before);
  // Bytes that no tier holds as blocks (an embedding simulator's own traffic) moved from
  // `from` to `to` for `instance` at `now`: reserved on every port and link between, as a
  // move of blocks is, and counted in both levels' bytes. Returns when the last byte lands
  // (now when timing is off), or nullopt, reserving and counting nothing, when that would
  // pass the clock's end. Contract: from != to, both below levels(), `to` has no NAND
  // model (what is written there is blocks its FTL places), bytes <= kMaxTransferBytes.
  std::optional<SimTimeNs> transfer(std::size_t instance, std::size_t from, std::size_t to, std::uint64_t bytes,
                                    SimTimeNs now);
  // Prefetch: copies `blocks` (found at `from` by the caller) into level `to` (0 < to <
  // from) in one transfer from `now`. Each block is pinned in `to` until unstage(), and
  // ready (BlockStore::ready_at) as the transfer streams it in: the k-th of n (from 1), k
  // n-ths of the way through. A block already in `to`, or with no room there (all pinned),
  // is skipped: its slot is kNoSlot. Returns how many were staged.
  std::size_t stage(std::size_t instance, std::size_t from, std::size_t to, std::span<const BlockAccess> blocks,
                    SimTimeNs now, std::vector<Slot>& slots);
  // Lets go of a staged block: unpinned, and removed if it has not landed by `now` and no
  // one else holds it (the prefetch was cut short). Returns true if it was removed.
  bool unstage(std::size_t instance, std::size_t level, Slot slot, SimTimeNs now);
  // The leading blocks found in the instance's own tiers: those with more than one copy,
  // so not shared by every instance. Touches nothing (for routers).
  std::uint64_t cached_prefix_blocks(std::size_t instance, std::span<const BlockId> blocks) const;
  void note_hit(std::size_t level) { ++levels_[level].stats.hit_blocks; }
  // Anonymous level-0 space for decode output, evicting to make room. Returns false (and
  // reserves nothing) when pinned blocks leave too little room.
  bool reserve_top(std::size_t instance, std::uint64_t blocks, SimTimeNs now);
  void release_top(std::size_t instance, std::uint64_t blocks, SimTimeNs now);

  std::size_t memory_bytes() const;

 private:
  struct Copy {
    BlockStore store;
    Port port;
    std::unique_ptr<IAdmissionPolicy> admission;  // null: admit everything
    std::unique_ptr<FlashVolume> flash;           // the NAND under a flash_model = "nand" tier
    IServiceTimer* timer = nullptr;               // measured service times (null: modelled)
  };
  struct Level {
    TierSpec spec;
    std::int64_t devices = 1;
    std::uint64_t capacity_blocks = 0;  // per copy
    PathLeg read_leg_template{};        // port filled in per copy
    PathLeg write_leg_template{};
    // The same for a transfer of one block, its hold worked out once (most moves are one block).
    PathLeg read_block_leg{};
    PathLeg write_block_leg{};
    std::vector<std::size_t> path;  // links to the first tier (indices into links_)
    bool has_surplus = false;        // its policy can hand over surplus victims
    bool observes = false;           // its admission policy counts accesses
    enum class WritePolicy { kBack, kThrough, kSelective } write = WritePolicy::kBack;
    std::uint64_t through_hits = 0;  // selective: hits above that write a block here
    bool exclusive = false;
    bool inclusive = false;
    bool evicts_regions = false;     // log placement: eviction takes whole erase-block regions
    std::uint64_t high_mark = 0;     // blocks per copy: eviction starts above this ...
    std::uint64_t low_mark = 0;      // ... and empties down to this
    std::vector<Copy> copies;
    // The copy serving each instance, looked up on every access (a node scope's division
    // would cost more than the rest of the lookup's arithmetic).
    std::vector<std::uint32_t> copy_of;
    std::uint64_t used_total = 0;
    TierStats stats;
  };
  struct LinkCopy {
    Port up;    // towards level 0
    Port down;  // away from level 0
  };
  struct Link {
    LinkSpec spec;
    std::uint64_t rate_per_server = 0;
    SimTimeNs block_ns = 0;  // one block's hold
    std::vector<LinkCopy> copies;
    std::vector<std::uint32_t> copy_of;  // by instance, as Level::copy_of
  };
  // A link a move between two levels crosses, and in which direction.
  struct Hop {
    std::size_t link;
    bool up;
  };
  struct Path {
    std::array<PathLeg, kMaxLinks + 4> legs;  // tier ports, links and NAND arrays
    std::size_t size = 0;
    void add(const PathLeg& leg) { legs[size++] = leg; }
  };

  Copy& copy(std::size_t level, std::size_t instance) {
    Level& l = levels_[level];
    return l.copies[l.copy_of[instance]];
  }
  // A level's read (write) side for one transfer through `copy` (of one block, or not).
  static PathLeg leg(const Level& level, Copy& copy, bool write, bool one_block);
  // The legs a transfer of `bytes` from level `from` to level `to` holds (either direction).
  Path path(std::size_t from, std::size_t to, std::size_t instance, std::uint64_t bytes, SimTimeNs now);
  // Reserves a transfer of `bytes` along `legs` from level `from` to level `to`, and
  // records its latency at both.
  TransferTiming reserve(std::size_t from, std::size_t to, const Path& legs, std::uint64_t bytes, SimTimeNs now,
                         SimTimeNs not_before);
  // Reserves the transfer of `bytes` from level `from` to level `to` (either direction).
  TransferTiming move(std::size_t from, std::size_t to, std::size_t instance, std::uint64_t bytes, SimTimeNs now,
                      SimTimeNs not_before);
  PathLeg link_leg(std::size_t link, std::size_t instance, bool up, bool one_block);
  // Evicts one victim (and demotes it); with log placement, also the rest of the victim's
  // erase-block region. False if only pinned blocks are left.
  bool evict_one(std::size_t level, std::size_t instance, SimTimeNs now, const BlockAccess* incoming);
  // Evicts (and demotes) until `blocks` more fit; false if only pinned blocks are left.
  // `incoming` is the block the room is for (null for anonymous space).
  bool make_room(std::size_t level, std::size_t instance, SimTimeNs now, std::uint64_t blocks,
                 const BlockAccess* incoming);
  void expire_all(std::size_t instance, SimTimeNs now);
  void observe_all(std::size_t instance, const BlockAccess& block);
  // Whether the level's copy for `instance` takes `block` (absent from it).
  bool admits(std::size_t level, std::size_t instance, const BlockAccess& block, SimTimeNs now);
  // Demotes every surplus victim the level's policy hands over.
  void drain_surplus(std::size_t level, std::size_t instance, SimTimeNs now);
  void demote(const BlockAccess& block, std::size_t level, std::size_t instance, SimTimeNs now);
  void evicted(std::size_t level, std::size_t instance, const BlockAccess& victim, SimTimeNs now);
  enum class Write { kAlreadyThere, kWritten, kRefused, kNoRoom };
  // Whether the block being written down is still held at `from` (written through), or
  // has just left it (a victim demoted), when there is no copy there to look up.
  enum class Source { kHeld, kLeft };
  // Writes a block from level `from` into level `to` (admission, room, transfer, counts).
  Write write_down(std::size_t from, std::size_t to, std::size_t instance, const BlockAccess& block, SimTimeNs now,
                   Source source);
  void back_invalidate(std::size_t level, std::size_t instance, BlockId id, SimTimeNs now);
  void add_used(std::size_t level, std::int64_t delta, SimTimeNs now);

  HierarchyConfig config_;
  std::vector<Level> levels_;
  std::vector<Link> links_;
  std::vector<std::vector<Hop>> routes_;  // [from * levels + to]: the links a move crosses
  bool needs_next_use_ = false;
  bool any_timed_ = false;  // some tier has leases or a policy whose surplus comes with time (TTL)
  bool any_observer_ = false;  // some tier's admission policy counts accesses
};

}  // namespace kvtier
