#include "tiers/block_store.h"

#include <algorithm>

#include "core/memory/prefetch.h"

namespace kvtier {

namespace {
// Metadata starts sized for up to this many blocks and doubles as blocks arrive, so that
// a large tier that is never filled costs nothing (a 492 TB QLC tier of 64 MiB blocks
// would otherwise allocate 256 MB of index up front).
constexpr std::uint64_t kPreallocateUpTo = std::uint64_t{1} << 16;
}  // namespace

BlockStore::BlockStore(std::uint64_t capacity_blocks, std::unique_ptr<IEvictionPolicy> policy, BlockKeep keep,
                       SimTimeNs lease_ns)
    : capacity_(capacity_blocks),
      index_(static_cast<std::size_t>(std::min(capacity_blocks, kPreallocateUpTo))),
      lease_ns_(lease_ns),
      policy_(std::move(policy)),
      keep_(keep),
      has_surplus_(policy_->has_surplus()),
      policy_prefetches_(policy_->lookups_ahead()) {
  const auto n = static_cast<std::size_t>(std::min(capacity_blocks, kPreallocateUpTo));
  ids_.reserve(n);
}

BlockAccess BlockStore::access_of(Slot slot, SimTimeNs now) const {
  return BlockAccess{ids_[slot], keep_.position ? positions_[slot] : 0U, now,
                     keep_.next_use ? next_use_[slot] : kNeverUsedAgain};
}

void BlockStore::released(Slot slot) {
  for (IBlockObserver* o : observers_) {
    if (o != nullptr) o->released(slot);
  }
}

Slot BlockStore::insert(const BlockAccess& access, bool pinned) {
  Slot slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
    ids_[slot] = access.id;
  } else {
    slot = static_cast<Slot>(ids_.size());
    ids_.push_back(access.id);
    if (!states_.empty()) states_.emplace_back();
    if (keep_.position) positions_.push_back(0);
    if (keep_.next_use) next_use_.push_back(0);
    if (keep_.hits) hits_.push_back(0);
  }
  if (keep_.hits) hits_[slot] = 0;
  if (keep_.position) positions_[slot] = access.position;
  if (keep_.next_use) next_use_[slot] = access.next_use;
  index_.insert(access.id, slot);
  if (slot < states_.size()) states_[slot].ready_at = 0;
  if (pinned) {
    state(slot).pins = 1;  // a free slot's pins are 0: its block was unpinned when it left
    ++pinned_;
    policy_->on_insert_pinned(slot, access);
  } else {
    policy_->on_insert(slot, access);
  }
  for (IBlockObserver* o : observers_) {
    if (o != nullptr) o->written(slot, access);
  }
  if (lease_ns_ > 0) lease(slot, access.now);
  return slot;
}

void BlockStore::remove(Slot slot, BlockAccess& evicted, SimTimeNs now) {
  evicted = access_of(slot, now);
  index_.erase(evicted.id);
  released(slot);
  free_slots_.push_back(slot);
}

bool BlockStore::evict(BlockAccess& evicted, const BlockAccess* incoming, SimTimeNs now) {
  const Slot slot = policy_->victim(incoming);
  if (slot == kNoSlot) return false;
  remove(slot, evicted, now);
  // Evictions come in runs; fetch what the next two will touch while this one finishes:
  // the id of the one after next, and the index bucket of the next (its id arrived last time).
  const Slot after_next = policy_->victim_hint(1);
  if (after_next != kNoSlot) prefetch_line(&ids_[after_next]);
  const Slot next = policy_->victim_hint(0);
  if (next != kNoSlot) {
    index_.prefetch(ids_[next]);
    // Its slot takes the block that the room is for: that insert sets its ready time.
    if (next < states_.size()) prefetch_line(&states_[next]);
  }
  return true;
}

bool BlockStore::peek_victim(BlockAccess& victim, SimTimeNs now) const {
  const Slot slot = policy_->victim_hint(0);
  if (slot == kNoSlot) return false;
  victim = access_of(slot, now);
  return true;
}

bool BlockStore::evict_surplus(BlockAccess& evicted, SimTimeNs now) {
  if (!has_surplus_) return false;
  const Slot slot = policy_->surplus(now);
  if (slot == kNoSlot) return false;
  remove(slot, evicted, now);
  return true;
}

void BlockStore::erase(Slot slot) {
  policy_->on_erase(slot);
  index_.erase(ids_[slot]);
  released(slot);
  free_slots_.push_back(slot);
}

void BlockStore::pin(Slot slot) {
  if (state(slot).pins++ == 0) {
    ++pinned_;
    policy_->on_pin(slot);
  }
}

void BlockStore::unpin(Slot slot, SimTimeNs now) {
  SlotState& st = states_[slot];
  if (--st.pins != 0) return;
  --pinned_;
  const Release r{now, st.pinned_hits, keep_.next_use ? next_use_[slot] : kNeverUsedAgain};
  st.pinned_hits = 0;
  policy_->on_unpin(slot, r);
}

void BlockStore::lease(Slot slot, SimTimeNs now) {
  if (slot >= lease_until_.size()) lease_until_.resize(std::max<std::size_t>(std::size_t{slot} + 1, ids_.size()), 0);
  if (lease_until_[slot] == 0) pin(slot);
  lease_until_[slot] = now + lease_ns_;
  leases_.push_back(Lease{now + lease_ns_, slot});
}

void BlockStore::release_leases_until(SimTimeNs now) {
  // Entries renewed since are stale: only the one matching the slot's lease ends it.
  while (leases_head_ < leases_.size() && leases_[leases_head_].until <= now) {
    const Lease l = leases_[leases_head_++];
    if (lease_until_[l.slot] == l.until) {
      lease_until_[l.slot] = 0;
      unpin(l.slot, l.until);
    }
  }
  if (leases_head_ == leases_.size()) {
    leases_.clear();
    leases_head_ = 0;
  } else if (leases_head_ > 4096 && leases_head_ * 2 > leases_.size()) {
    leases_.erase(leases_.begin(), leases_.begin() + static_cast<std::ptrdiff_t>(leases_head_));
    leases_head_ = 0;
  }
}

std::size_t BlockStore::memory_bytes() const {
  return index_.memory_bytes() + ids_.capacity() * sizeof(BlockId) + states_.capacity() * sizeof(SlotState) +
         positions_.capacity() * sizeof(std::uint32_t) + next_use_.capacity() * sizeof(std::uint64_t) +
         free_slots_.capacity() * sizeof(Slot) + policy_->memory_bytes();
}

}  // namespace kvtier
