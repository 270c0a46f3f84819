// S3-FIFO (Yang, Zhang, Qiu, Yue, Vinayak, "FIFO Queues are All You Need for Cache
// Eviction", SOSP'23). Three FIFO queues: a small one S (10% of the cache), a main one M
// and a ghost one G that remembers as many ids as M holds blocks. New blocks enter S, or
// M if G remembers them. A hit raises the block's counter (capped at 3). Room comes from
// S while it holds its share: its oldest block moves to M if it was hit at least
// `s3fifo_move_threshold` times (the paper's freq > 1; its counter is cleared), else it is
// evicted and remembered in G. From M, the oldest block with a counter above zero is
// reinserted with the counter lowered by one; the first with zero is evicted.
// One eviction step follows the paper's EVICTS literally: moving a block into a full M
// evicts from M, and the step still goes on until a block from S is evicted, so a step
// may evict two blocks; the second is handed over as surplus. "Full" is over M's share,
// as in libCacheSim.
// Pinned blocks leave their queue (still counted in its size) and rejoin it as newest.
#pragma once

#include <vector>

#include "tiers/eviction/ghost_fifo.h"
#include "tiers/eviction/i_eviction_policy.h"
#include "tiers/eviction/slot_lists.h"

namespace kvtier {

class S3FifoPolicy final : public IEvictionPolicy {
 public:
  S3FifoPolicy(std::uint64_t capacity_blocks, double small_fraction, std::int64_t move_threshold);
  std::string_view name() const override { return "s3fifo"; }
  void on_insert(Slot slot, const BlockAccess& access) override;
  void on_hit(Slot slot, const BlockAccess& /*access*/) override {
    if (meta_[slot].freq < 3) ++meta_[slot].freq;
  }
  void on_pin(Slot slot) override;
  void on_unpin(Slot slot, const Release& release) override;
  void on_erase(Slot slot) override;
  Slot victim(const BlockAccess* incoming) override;
  bool has_surplus() const override { return true; }
  Slot surplus(SimTimeNs now) override;
  Slot victim_hint(int depth) const override;
  void prefetch(BlockId id) const override { ghost_.prefetch(id); }
  bool lookups_ahead() const override { return true; }
  std::size_t memory_bytes() const override {
    return queues_.memory_bytes() + meta_.capacity() * sizeof(Meta) + ids_.capacity() * sizeof(BlockId) +
           ghost_.memory_bytes();
  }

 private:
  static constexpr std::size_t kSmall = 0;
  static constexpr std::size_t kMain = 1;
  // Three bytes a slot, apart from the ids: a hit touches only this, and for a cache of
  // 100,000 blocks it stays in the L2 cache.
  struct Meta {
    std::uint8_t freq;
    std::uint8_t queue;
    bool pinned;
  };
  std::uint64_t size(std::size_t q) const { return queues_.size(q) + pinned_[q]; }
  Slot evict_main();
  void evict_step();  // the paper's EVICT(): one or two blocks into evicted_

  std::uint64_t small_target_;
  std::uint64_t main_target_;
  std::uint8_t move_threshold_;
  SlotLists queues_;  // front: newest
  std::uint64_t pinned_[2] = {0, 0};
  std::vector<Meta> meta_;
  std::vector<BlockId> ids_;  // by slot: the ghost remembers a block by its id
  GhostFifo ghost_;
  std::vector<Slot> evicted_;  // chosen by the last step, not yet handed out
  std::size_t handed_ = 0;
};

}  // namespace kvtier
