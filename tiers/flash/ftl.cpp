#include "tiers/flash/ftl.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "core/rng/rng.h"

namespace kvtier {

namespace {
// Cost-benefit looks at every sealed block on drives up to this many erase blocks, and
// at this many sampled ones beyond (as firmware does: a full scan per collection would
// cost O(blocks) on a 100 TB drive).
constexpr std::size_t kCostBenefitScanLimit = 4096;
constexpr int kCostBenefitSamples = 256;
}  // namespace

Ftl::Ftl(const FtlConfig& config)
    : iu_(config.iu_bytes),
      ius_per_block_(config.iu_bytes == 0 ? 0 : static_cast<std::uint32_t>(config.erase_block_bytes / config.iu_bytes)),
      gc_(config.gc),
      gc_stream_(config.streams),
      open_(config.streams + 1, kNone),
      sample_state_(0x5eed) {
  if (config.iu_bytes == 0 || config.erase_block_bytes % config.iu_bytes != 0 || ius_per_block_ < 2) {
    throw std::invalid_argument("the erase block must be a multiple of at least two IUs");
  }
  const double raw = static_cast<double>(config.logical_bytes) * (1.0 + config.over_provisioning);
  const auto n = static_cast<std::uint64_t>(std::floor(raw / static_cast<double>(config.erase_block_bytes)));
  if (n >= kNone) throw std::invalid_argument("more than 2^32 erase blocks; use larger erase blocks");
  threshold_blocks_ = std::max<std::uint32_t>(
      2, static_cast<std::uint32_t>(std::ceil(static_cast<double>(n) * config.gc_threshold)));
  // Garbage collection must always find a block with something invalid in it: the space
  // beyond the live data has to exceed the free reserve and every open block.
  const std::uint64_t logical_ius = (config.logical_bytes + iu_ - 1) / iu_;
  const std::uint64_t spare_blocks = n > logical_ius / ius_per_block_ ? n - logical_ius / ius_per_block_ : 0;
  const std::uint64_t needed = threshold_blocks_ + config.streams + 2;
  if (spare_blocks < needed) {
    throw std::invalid_argument("over-provisioning leaves " + std::to_string(spare_blocks) +
                                " spare erase blocks; garbage collection needs at least " + std::to_string(needed));
  }
  total_blocks_ = static_cast<std::uint32_t>(n);
  heads_.reserve(config.expected_slots);
  if (gc_ == GcPolicy::kGreedy) {
    buckets_.resize(ius_per_block_ + 1);
    min_bucket_ = ius_per_block_ + 1;
  }
}

Ftl::PieceRef Ftl::new_extra() {
  if (!free_extra_.empty()) {
    const PieceRef r = free_extra_.back();
    free_extra_.pop_back();
    return r;
  }
  if (extra_.size() >= kExtra) throw std::length_error("more than 2^31 extra pieces");
  extra_.emplace_back();
  return static_cast<PieceRef>(extra_.size() - 1) | kExtra;
}

void Ftl::file(std::uint32_t b) {
  const std::uint32_t v = valid_[b];
  buckets_[v].push_back(b);
  min_bucket_ = std::min(min_bucket_, v);
  // Stale entries pile up in buckets above the minimum; rebuild once they outnumber
  // the blocks, which keeps filing O(1) amortised and memory bounded.
  if (++bucket_entries_ > 2 * static_cast<std::size_t>(total_blocks_) + 1024) refile_all();
}

void Ftl::refile_all() {
  for (std::vector<std::uint32_t>& bucket : buckets_) bucket.clear();
  bucket_entries_ = 0;
  min_bucket_ = ius_per_block_ + 1;
  for (std::uint32_t b = 0; b < blocks_.size(); ++b) {
    if (blocks_[b].state != State::kSealed) continue;
    const std::uint32_t v = valid_[b];
    buckets_[v].push_back(b);
    ++bucket_entries_;
    min_bucket_ = std::min(min_bucket_, v);
  }
}

bool Ftl::is_open(std::uint32_t b) const {
  return std::find(open_.begin(), open_.end(), b) != open_.end();
}

void Ftl::seal(std::uint32_t b) {
  EraseBlock& block = blocks_[b];
  block.state = State::kSealed;
  block.sealed_at = clock_;
  if (gc_ == GcPolicy::kGreedy) file(b);
  if (gc_ == GcPolicy::kFifo) sealed_order_.push_back(b);
}

std::uint32_t Ftl::open_block(std::uint32_t stream, FtlWork& work) {
  std::uint32_t b = open_[stream];
  if (b != kNone && blocks_[b].written < ius_per_block_) return b;
  if (stream != gc_stream_) {
    // Collect before the host takes a free block; GC itself draws on the reserve. A
    // collection gains what its victim had invalid, perhaps a single IU, so only a run of
    // victims with nothing invalid, one per block, means it is stuck.
    std::uint32_t fruitless = 0;
    while (free_blocks() <= threshold_blocks_) {
      const std::uint64_t relocated = work.relocated_ius;
      collect(work);
      fruitless = work.relocated_ius - relocated == ius_per_block_ ? fruitless + 1 : 0;
      if (fruitless > total_blocks_) throw std::logic_error("garbage collection makes no progress");
    }
  }
  if (free_blocks() == 0) throw std::logic_error("no free erase block");
  if (free_head_ < free_.size()) {
    b = free_[free_head_++];
    if (free_head_ > 4096 && free_head_ * 2 > free_.size()) {
      free_.erase(free_.begin(), free_.begin() + static_cast<std::ptrdiff_t>(free_head_));
      free_head_ = 0;
    }
  } else {
    // Never-used blocks come into being when first opened, so a drive's metadata grows
    // with what the run writes, not with its raw capacity.
    b = static_cast<std::uint32_t>(blocks_.size());
    blocks_.emplace_back();
    valid_.push_back(0);
    placed_.emplace_back();
  }
  blocks_[b].state = State::kOpen;
  open_[stream] = b;
  return b;
}

void Ftl::place(PieceRef r, std::uint32_t ius, std::uint32_t stream, FtlWork& work) {
  for (;;) {
    const std::uint32_t b = open_block(stream, work);
    EraseBlock& block = blocks_[b];
    const std::uint32_t here = std::min(ius, ius_per_block_ - block.written);
    Piece& p = piece(r);
    p.ius = here;
    p.block = b;
    placed_[b].push_back(r);
    block.written += here;
    valid_[b] += here;
    clock_ += here;
    if (block.written == ius_per_block_) seal(b);
    ius -= here;
    if (ius == 0) return;
    const PieceRef q = new_extra();  // may move extra_: look r up again below
    piece(q).next = piece(r).next;
    piece(r).next = q;
    r = q;
  }
}

FtlWork Ftl::write(Slot slot, std::uint64_t bytes, std::uint32_t stream) {
  FtlWork work;
  const auto ius = static_cast<std::uint32_t>((bytes + iu_ - 1) / iu_);
  work.programmed_ius = ius;
  host_bytes_ += bytes;
  host_ius_ += ius;
  valid_ius_ += ius;
  if (slot >= heads_.size()) heads_.resize(static_cast<std::size_t>(slot) + 1);
  heads_[slot].next = kNone;
  place(slot, ius, stream, work);
  return work;
}

void Ftl::trim(Slot slot) {
  if (!mapped(slot)) return;
  PieceRef r = slot;
  while (r != kNone) {
    Piece& p = piece(r);
    const PieceRef next = p.next;
    valid_[p.block] -= p.ius;
    if (gc_ == GcPolicy::kGreedy && !is_open(p.block)) file(p.block);  // a block holding data is open or sealed
    valid_ius_ -= p.ius;
    p = Piece{};
    if ((r & kExtra) != 0) free_extra_.push_back(r);
    r = next;
  }
}

std::uint32_t Ftl::pick_cost_benefit() {
  auto score = [&](std::uint32_t b) {
    const EraseBlock& block = blocks_[b];
    const double u = static_cast<double>(valid_[b]) / ius_per_block_;
    const double age = static_cast<double>(clock_ - block.sealed_at) + 1.0;
    return u == 0.0 ? std::numeric_limits<double>::infinity() : (1.0 - u) / (2.0 * u) * age;
  };
  std::uint32_t best = kNone;
  double best_score = -1;
  auto consider = [&](std::uint32_t b) {
    if (blocks_[b].state != State::kSealed) return;
    const double s = score(b);
    if (s > best_score) {
      best = b;
      best_score = s;
    }
  };
  const auto n = static_cast<std::uint32_t>(blocks_.size());  // the blocks ever used
  if (n <= kCostBenefitScanLimit) {
    for (std::uint32_t b = 0; b < n; ++b) consider(b);
  } else {
    for (int i = 0; i < kCostBenefitSamples; ++i) {
      consider(static_cast<std::uint32_t>(mix64(splitmix64(sample_state_)) % n));
    }
  }
  return best;
}

std::uint32_t Ftl::pick_victim() {
  if (gc_ == GcPolicy::kGreedy) {
    for (; min_bucket_ <= ius_per_block_; ++min_bucket_) {
      std::vector<std::uint32_t>& bucket = buckets_[min_bucket_];
      while (!bucket.empty()) {
        const std::uint32_t b = bucket.back();
        bucket.pop_back();
        --bucket_entries_;
        if (blocks_[b].state == State::kSealed && valid_[b] == min_bucket_) return b;
      }
    }
    return kNone;
  }
  if (gc_ == GcPolicy::kFifo) {
    if (sealed_head_ == sealed_order_.size()) return kNone;
    const std::uint32_t b = sealed_order_[sealed_head_++];
    if (sealed_head_ > 4096 && sealed_head_ * 2 > sealed_order_.size()) {
      sealed_order_.erase(sealed_order_.begin(), sealed_order_.begin() + static_cast<std::ptrdiff_t>(sealed_head_));
      sealed_head_ = 0;
    }
    return b;
  }
  return pick_cost_benefit();
}

void Ftl::collect(FtlWork& work) {
  const std::uint32_t victim = pick_victim();
  if (victim == kNone) throw std::logic_error("no sealed block to collect");
  // A piece listed twice (trimmed and placed here again while the block was open) moves
  // at its first entry; at the second, its block is no longer the victim.
  std::vector<PieceRef>& placed = placed_[victim];
  for (const PieceRef r : placed) {
    if (piece(r).block != victim) continue;
    const std::uint32_t ius = piece(r).ius;
    work.relocated_ius += ius;
    relocated_ius_ += ius;
    place(r, ius, gc_stream_, work);
  }
  placed.clear();
  valid_[victim] = 0;
  EraseBlock& block = blocks_[victim];
  const std::uint32_t pe = block.pe + 1;
  block = EraseBlock{};
  block.pe = pe;
  ++erases_;
  ++work.erased_blocks;
  free_.push_back(victim);
}

std::uint32_t Ftl::max_pe() const {
  std::uint32_t m = 0;
  for (const EraseBlock& b : blocks_) m = std::max(m, b.pe);
  return m;
}

std::size_t Ftl::memory_bytes() const {
  std::size_t placed_bytes = placed_.capacity() * sizeof(std::vector<PieceRef>);
  for (const std::vector<PieceRef>& v : placed_) placed_bytes += v.capacity() * sizeof(PieceRef);
  std::size_t bucket_bytes = buckets_.capacity() * sizeof(std::vector<std::uint32_t>);
  for (const std::vector<std::uint32_t>& v : buckets_) bucket_bytes += v.capacity() * sizeof(std::uint32_t);
  return placed_bytes + blocks_.capacity() * sizeof(EraseBlock) + valid_.capacity() * sizeof(std::uint32_t) + heads_.capacity() * sizeof(Piece) +
         extra_.capacity() * sizeof(Piece) + free_.capacity() * sizeof(std::uint32_t) +
         free_extra_.capacity() * sizeof(PieceRef) + bucket_bytes +
         sealed_order_.capacity() * sizeof(std::uint32_t);
}

}  // namespace kvtier
