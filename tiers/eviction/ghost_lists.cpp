#include "tiers/eviction/ghost_lists.h"

namespace kvtier {

void GhostLists::push_front(std::size_t list, BlockId id) {
  Slot node;
  if (!free_nodes_.empty()) {
    node = free_nodes_.back();
    free_nodes_.pop_back();
    ids_[node] = id;
    list_of_[node] = static_cast<int>(list);
  } else {
    node = static_cast<Slot>(ids_.size());
    ids_.push_back(id);
    list_of_.push_back(static_cast<int>(list));
  }
  index_.insert(id, node);
  order_.push_front(list, node);
}

void GhostLists::release(Slot node) {
  order_.remove(static_cast<std::size_t>(list_of_[node]), node);
  index_.erase(ids_[node]);
  list_of_[node] = kNone;
  free_nodes_.push_back(node);
}

void GhostLists::remove(BlockId id) { release(index_.find(id)); }

void GhostLists::pop_back(std::size_t list) { release(order_.back(list)); }

std::size_t GhostLists::memory_bytes() const {
  return index_.memory_bytes() + order_.memory_bytes() + ids_.capacity() * sizeof(BlockId) +
         list_of_.capacity() * sizeof(int) + free_nodes_.capacity() * sizeof(Slot);
}

}  // namespace kvtier
