// TinyLFU (Einziger, Friedman, Manes, "TinyLFU: A Highly Efficient Cache Admission
// Policy", ACM TOS 13(4), 2017). Accesses are counted in a count-min sketch (4 rows of
// 4-bit counters) behind a doorkeeper Bloom filter that absorbs first accesses; after
// `sample_factor` x capacity accesses every counter is halved and the doorkeeper cleared,
// so the counts follow recent popularity. A block is admitted over the tier's victim only
// if it is estimated to be more frequent; with room to spare it is always admitted.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "tiers/admission/admission_params.h"
#include "tiers/admission/i_admission_policy.h"

namespace kvtier {

class TinyLfuAdmission final : public IAdmissionPolicy {
 public:
  TinyLfuAdmission(const AdmissionParams& p, std::uint64_t capacity_blocks);
  std::string_view name() const override { return "tinylfu"; }
  bool wants_accesses() const override { return true; }
  void on_access(const BlockAccess& access) override;
  bool admit(const BlockAccess& block, const BlockAccess* victim) override;
  std::size_t memory_bytes() const override { return counters_.size() + doorkeeper_.size() * 8; }
  // The estimated access count of a block (for tests).
  std::uint64_t estimate(BlockId id) const;

 private:
  static constexpr int kRows = 4;
  std::size_t cell(int row, BlockId id) const;
  std::size_t door_bit(int k, BlockId id) const;
  bool door_contains(BlockId id) const;
  void reset();

  std::size_t width_;        // counters per row, a power of two
  std::size_t door_bits_;    // a power of two
  std::uint64_t sample_;     // accesses between resets
  std::uint64_t seen_ = 0;
  std::vector<std::uint8_t> counters_;  // kRows x width_, each 0..15
  std::vector<std::uint64_t> doorkeeper_;
};

}  // namespace kvtier
