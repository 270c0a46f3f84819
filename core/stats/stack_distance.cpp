#include "core/stats/stack_distance.h"

#include <algorithm>
#include <bit>
#include <stdexcept>

namespace kvtier {

namespace {
constexpr std::size_t kWordBits = 64;
// Times stay under 2 x blocks + 2 words' worth (see renumber), below kNoSlot.
constexpr std::size_t kMaxBlocks = (std::size_t{1} << 31) - 64;

std::size_t lowbit(std::size_t i) { return i & (~i + 1); }
}  // namespace

StackDistance::StackDistance(std::size_t expected_blocks)
    : index_(expected_blocks), min_times_(std::max<std::size_t>(4096, 2 * expected_blocks)) {}

std::uint64_t StackDistance::access(BlockId id) {
  if (now_ == marks_.size() * kWordBits) renumber();
  std::uint64_t distance = kCold;
  // The time lives in the index itself: one cache line per access, not two.
  if (Slot* latest = index_.find_mutable(id); latest != nullptr) {
    // Every block has one mark, so the marks after its latest use are the blocks used since.
    distance = index_.size() - marks_through(*latest) + 1;
    clear_mark(*latest);
    *latest = static_cast<Slot>(now_);
  } else {
    if (index_.size() >= kMaxBlocks) throw std::length_error("stack distance: too many distinct blocks");
    index_.insert(id, static_cast<Slot>(now_));
  }
  set_mark(now_);
  ++now_;
  return distance;
}

void StackDistance::set_mark(std::size_t time) {
  marks_[time / kWordBits] |= std::uint64_t{1} << (time % kWordBits);
  for (std::size_t i = time / kWordBits + 1; i <= word_tree_.size(); i += lowbit(i)) ++word_tree_[i - 1];
}

void StackDistance::clear_mark(std::size_t time) {
  marks_[time / kWordBits] &= ~(std::uint64_t{1} << (time % kWordBits));
  for (std::size_t i = time / kWordBits + 1; i <= word_tree_.size(); i += lowbit(i)) --word_tree_[i - 1];
}

std::uint64_t StackDistance::marks_through(std::size_t time) const {
  const std::size_t word = time / kWordBits;
  const std::uint64_t through = ~std::uint64_t{0} >> (kWordBits - 1 - time % kWordBits);
  std::uint64_t sum = static_cast<std::uint64_t>(std::popcount(marks_[word] & through));
  for (std::size_t i = word; i > 0; i &= i - 1) sum += word_tree_[i - 1];
  return sum;
}

void StackDistance::renumber() {
  // A block's new time is its rank among the marks, so their order is kept.
  index_.for_each_slot([this](Slot& t) { t = static_cast<Slot>(marks_through(t) - 1); });
  const std::size_t live = index_.size();
  // At least half the times free, so renumbering costs O(1) a use over the run.
  const std::size_t words = (std::max(min_times_, 2 * live + 2) + kWordBits - 1) / kWordBits;
  marks_.assign(words, 0);
  for (std::size_t w = 0; w < live / kWordBits; ++w) marks_[w] = ~std::uint64_t{0};
  if (live % kWordBits != 0) marks_[live / kWordBits] = ~std::uint64_t{0} >> (kWordBits - live % kWordBits);
  // Built in O(words): each node passes its sum on to the next node covering it.
  word_tree_.assign(words, 0);
  for (std::size_t i = 1; i <= words; ++i) {
    word_tree_[i - 1] += static_cast<std::uint32_t>(std::popcount(marks_[i - 1]));
    if (const std::size_t up = i + lowbit(i); up <= words) word_tree_[up - 1] += word_tree_[i - 1];
  }
  now_ = live;
}

}  // namespace kvtier
