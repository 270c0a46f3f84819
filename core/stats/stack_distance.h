// LRU stack distances, one access at a time. An access's distance is the number of distinct
// blocks used since that block's previous use, itself included: the access hits in every
// LRU cache of at least that many blocks and misses in every smaller one, so one pass
// gives the hits of every capacity at once (Mattson, Gecsei, Slutz and Traiger, "Evaluation
// techniques for storage hierarchies", IBM Systems Journal 9(2), 1970).
//
// The distance is counted as Bennett and Kruskal do ("LRU stack processing", IBM J. R&D
// 19(4), 1975): over access times, a 1 marks each block's latest use, and the distance is
// the number of 1s from the previous use on. The marks are a bitset with a Fenwick tree
// of its words' counts: a bit and a 32-bit count per time, small enough to stay in cache
// where a tree of counts per time would not. O(log n) an access; when the times run out
// they are renumbered densely, so memory stays a few words per distinct block however
// long the stream.
#pragma once

#include <cstdint>
#include <vector>

#include "tiers/block_id.h"
#include "tiers/block_index.h"

namespace kvtier {

class StackDistance {
 public:
  // A block's first use: it misses at every capacity.
  static constexpr std::uint64_t kCold = 0;

  // Contract: at most 2^31 - 64 distinct blocks (throws std::length_error beyond).
  explicit StackDistance(std::size_t expected_blocks = 0);

  // The distance of this use of `id` (1: used just before), or kCold.
  std::uint64_t access(BlockId id);

  // Hints the cache lines that access(id) will read first, for callers that know their
  // next blocks: a long stream's accesses are bound by cache misses.
  void prefetch(BlockId id) const { index_.prefetch(id); }

  std::uint64_t distinct_blocks() const { return index_.size(); }

 private:
  void set_mark(std::size_t time);
  void clear_mark(std::size_t time);
  std::uint64_t marks_through(std::size_t time) const;
  // Gives the marks the times 0..k-1, in their order, with room to spare after them.
  void renumber();

  BlockIndex index_;                     // block -> the time of its latest use
  std::vector<std::uint64_t> marks_;     // bit t: time t is some block's latest use
  std::vector<std::uint32_t> word_tree_;  // Fenwick over marks_' words: tree[i - 1] sums words (i - lowbit(i), i]
  std::size_t now_ = 0;                  // the next use's time
  std::size_t min_times_;
};

}  // namespace kvtier
