#include "tiers/block_store.h"

#include <algorithm>

namespace kvtier {

namespace {
// Metadata starts sized for up to this many blocks and doubles as blocks arrive, so that
// a large tier that is never filled costs nothing (a 492 TB QLC tier of 64 MiB blocks
// would otherwise allocate 256 MB of index up front).
constexpr std::uint64_t kPreallocateUpTo = std::uint64_t{1} << 16;
}  // namespace

BlockStore::BlockStore(std::uint64_t capacity_blocks, std::unique_ptr<IEvictionPolicy> policy)
    : capacity_(capacity_blocks),
      index_(static_cast<std::size_t>(std::min(capacity_blocks, kPreallocateUpTo))),
      policy_(std::move(policy)) {
  const auto n = static_cast<std::size_t>(std::min(capacity_blocks, kPreallocateUpTo));
  ids_.reserve(n);
  pins_.reserve(n);
}

Slot BlockStore::insert(BlockId id, bool pinned) {
  Slot slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
    ids_[slot] = id;
  } else {
    slot = static_cast<Slot>(ids_.size());
    ids_.push_back(id);
    pins_.push_back(0);
  }
  index_.insert(id, slot);
  if (slot < ready_at_.size()) ready_at_[slot] = 0;
  policy_->on_insert(slot, id);
  if (pinned) pin(slot);
  return slot;
}

bool BlockStore::evict(BlockId& evicted) {
  const Slot slot = policy_->victim();
  if (slot == kNoSlot) return false;
  evicted = ids_[slot];
  index_.erase(evicted);
  free_slots_.push_back(slot);
  // Evictions come in runs; fetch what the next two will touch while this one finishes:
  // the id of the one after next, and the index bucket of the next (its id arrived last time).
  const Slot after_next = policy_->victim_hint(1);
  if (after_next != kNoSlot) __builtin_prefetch(&ids_[after_next]);
  const Slot next = policy_->victim_hint(0);
  if (next != kNoSlot) index_.prefetch(ids_[next]);
  return true;
}

void BlockStore::erase(Slot slot) {
  policy_->on_erase(slot);
  index_.erase(ids_[slot]);
  free_slots_.push_back(slot);
}

void BlockStore::pin(Slot slot) {
  if (pins_[slot]++ == 0) {
    ++pinned_;
    policy_->on_pin(slot);
  }
}

void BlockStore::unpin(Slot slot) {
  if (--pins_[slot] == 0) {
    --pinned_;
    policy_->on_unpin(slot);
  }
}

void BlockStore::set_ready_at(Slot slot, SimTimeNs t) {
  if (slot >= ready_at_.size()) ready_at_.resize(std::max<std::size_t>(std::size_t{slot} + 1, ids_.size()), 0);
  ready_at_[slot] = t;
}

std::size_t BlockStore::memory_bytes() const {
  return index_.memory_bytes() + ids_.capacity() * sizeof(BlockId) + pins_.capacity() * sizeof(std::uint32_t) +
         ready_at_.capacity() * sizeof(SimTimeNs) + free_slots_.capacity() * sizeof(Slot) + policy_->memory_bytes();
}

}  // namespace kvtier
