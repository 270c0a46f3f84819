// Time to live: a block unused for `ttl` expires and leaves the tier even without pressure
// (as Mooncake's and SGLang's storage backends age entries out); under pressure the block
// closest to expiry (the least recently used) goes first. A block in use does not age;
// its clock restarts when its request releases it.
#pragma once

#include <vector>

#include "tiers/eviction/i_eviction_policy.h"
#include "tiers/eviction/slot_lists.h"

namespace kvtier {

class TtlPolicy final : public IEvictionPolicy {
 public:
  explicit TtlPolicy(SimTimeNs ttl_ns) : ttl_ns_(ttl_ns) {}
  std::string_view name() const override { return "ttl"; }
  bool has_surplus() const override { return true; }
  bool surplus_over_time() const override { return true; }
  void on_insert(Slot slot, const BlockAccess& access) override;
  void on_hit(Slot slot, const BlockAccess& access) override;
  void on_pin(Slot slot) override { order_.remove(0, slot); }
  void on_unpin(Slot slot, const Release& release) override;
  void on_erase(Slot slot) override { order_.remove(0, slot); }
  Slot victim(const BlockAccess* incoming) override;
  Slot surplus(SimTimeNs now) override;  // the least recently used block, once its TTL ran out
  Slot victim_hint(int depth) const override {
    const Slot tail = order_.back(0);
    return depth == 0 || tail == kNoSlot ? tail : order_.prev(tail);
  }
  std::size_t memory_bytes() const override { return order_.memory_bytes() + last_use_.capacity() * 8; }

 private:
  void touch(Slot slot, SimTimeNs now);

  SimTimeNs ttl_ns_;
  SlotLists order_;  // front: most recently used
  std::vector<SimTimeNs> last_use_;
};

}  // namespace kvtier
