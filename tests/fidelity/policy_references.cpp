#include "tests/fidelity/policy_references.h"

#include <algorithm>
#include <cmath>
#include <list>
#include <map>
#include <set>
#include <tuple>
#include <vector>

namespace kvtier::test {

namespace {

// A list of ids with an ordered-map index, so that membership tests and removals are
// O(log n): front = newest.
class IdList {
 public:
  bool has(BlockId id) const { return where_.count(id) != 0; }
  bool empty() const { return list_.empty(); }
  std::size_t size() const { return list_.size(); }
  BlockId front() const { return list_.front(); }
  BlockId back() const { return list_.back(); }
  void push_front(BlockId id) { where_[id] = list_.insert(list_.begin(), id); }
  void push_back(BlockId id) { where_[id] = list_.insert(list_.end(), id); }
  void insert_after(BlockId anchor, BlockId id) { where_[id] = list_.insert(std::next(where_.at(anchor)), id); }
  void erase(BlockId id) {
    list_.erase(where_.at(id));
    where_.erase(id);
  }
  void pop_back() { erase(list_.back()); }
  // Towards the front from `id`; the back when `id` is the front (a ring, for SIEVE's hand).
  BlockId towards_front(BlockId id) const {
    const auto it = where_.at(id);
    return it == list_.begin() ? list_.back() : *std::prev(it);
  }
  bool is_front(BlockId id) const { return list_.front() == id; }

 private:
  std::list<BlockId> list_;
  std::map<BlockId, std::list<BlockId>::iterator> where_;
};

std::uint64_t share(std::uint64_t capacity, double fraction) {
  return std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::floor(static_cast<double>(capacity) * fraction)));
}

// LRU: a list, most recent first.
class Lru final : public ReferenceCache {
 public:
  explicit Lru(std::uint64_t c) : c_(c) {}
  bool access(const BlockAccess& a) override {
    const bool hit = list_.has(a.id);
    if (hit) {
      list_.erase(a.id);
    } else if (list_.size() == c_) {
      list_.pop_back();
    }
    list_.push_front(a.id);
    return hit;
  }

 private:
  std::uint64_t c_;
  IdList list_;
};

// FIFO: a queue; hits change nothing.
class Fifo final : public ReferenceCache {
 public:
  explicit Fifo(std::uint64_t c) : c_(c) {}
  bool access(const BlockAccess& a) override {
    if (q_.has(a.id)) return true;
    if (q_.size() == c_) q_.pop_back();
    q_.push_front(a.id);
    return false;
  }

 private:
  std::uint64_t c_;
  IdList q_;
};

// LFU-DA: priority K = count + L; evict the smallest (K, last access); L = its K.
class Lfu final : public ReferenceCache {
 public:
  Lfu(std::uint64_t c, bool aging) : c_(c), aging_(aging) {}
  bool access(const BlockAccess& a) override {
    ++clock_;
    auto it = blocks_.find(a.id);
    if (it != blocks_.end()) {
      order_.erase({it->second.k, it->second.last, a.id});
      ++it->second.count;
      it->second.k = age_ + it->second.count;
      it->second.last = clock_;
      order_.insert({it->second.k, it->second.last, a.id});
      return true;
    }
    if (blocks_.size() == c_) {
      const auto victim = *order_.begin();
      order_.erase(order_.begin());
      if (aging_) age_ = std::get<0>(victim);
      blocks_.erase(std::get<2>(victim));
    }
    blocks_[a.id] = Entry{1, age_ + 1, clock_};
    order_.insert({age_ + 1, clock_, a.id});
    return false;
  }

 private:
  struct Entry {
    std::uint64_t count;
    std::uint64_t k;
    std::uint64_t last;
  };
  std::uint64_t c_;
  bool aging_;
  std::uint64_t age_ = 0;
  std::uint64_t clock_ = 0;
  std::map<BlockId, Entry> blocks_;
  std::set<std::tuple<std::uint64_t, std::uint64_t, BlockId>> order_;
};

// ARC, the paper's cases I-IV verbatim (Megiddo and Modha, FAST'03, Figure 4).
class Arc final : public ReferenceCache {
 public:
  explicit Arc(std::uint64_t c) : c_(c) {}
  bool access(const BlockAccess& a) override {
    const BlockId x = a.id;
    if (t1_.has(x) || t2_.has(x)) {  // case I
      (t1_.has(x) ? t1_ : t2_).erase(x);
      t2_.push_front(x);
      return true;
    }
    const double b1 = static_cast<double>(b1_.size());
    const double b2 = static_cast<double>(b2_.size());
    if (b1_.has(x)) {  // case II
      p_ = std::min(static_cast<double>(c_), p_ + (b1 >= b2 ? 1.0 : b2 / b1));
      replace(false);
      b1_.erase(x);
      t2_.push_front(x);
      return false;
    }
    if (b2_.has(x)) {  // case III
      p_ = std::max(0.0, p_ - (b2 >= b1 ? 1.0 : b1 / b2));
      replace(true);
      b2_.erase(x);
      t2_.push_front(x);
      return false;
    }
    // case IV
    const std::uint64_t l1 = t1_.size() + b1_.size();
    const std::uint64_t total = l1 + t2_.size() + b2_.size();
    if (l1 == c_) {
      if (t1_.size() < c_) {
        b1_.pop_back();
        replace(false);
      } else {
        t1_.pop_back();
      }
    } else if (l1 < c_ && total >= c_) {
      if (total == 2 * c_) b2_.pop_back();
      replace(false);
    }
    t1_.push_front(x);
    return false;
  }

 private:
  void replace(bool x_in_b2) {
    const auto t1 = static_cast<double>(t1_.size());
    if (!t1_.empty() && ((x_in_b2 && t1 == p_) || t1 > p_)) {
      b1_.push_front(t1_.back());
      t1_.pop_back();
    } else {
      b2_.push_front(t2_.back());
      t2_.pop_back();
    }
  }

  std::uint64_t c_;
  double p_ = 0;
  IdList t1_, t2_, b1_, b2_;
};

// S3-FIFO, the paper's Algorithm 1: INSERT evicts while the cache is full; EVICTS goes on
// until a block from S reaches G. M is full when over its share; G holds M's share of ids.
class S3Fifo final : public ReferenceCache {
 public:
  S3Fifo(std::uint64_t c, double small, std::int64_t threshold)
      : c_(c), s_size_(share(c, small)), m_size_(c > s_size_ ? c - s_size_ : 1), threshold_(threshold) {}
  bool access(const BlockAccess& a) override {
    if (s_.has(a.id) || m_.has(a.id)) {
      freq_[a.id] = std::min<std::int64_t>(freq_[a.id] + 1, 3);
      return true;
    }
    while (s_.size() + m_.size() >= c_) evict();
    if (g_.has(a.id)) {
      g_.erase(a.id);
      m_.push_front(a.id);
    } else {
      s_.push_front(a.id);
    }
    freq_[a.id] = 0;
    return false;
  }

 private:
  void evict() {
    // The paper: S if it holds its share, else M; an empty M sends us to S regardless.
    if (!s_.empty() && (s_.size() >= s_size_ || m_.empty())) {
      evict_s();
    } else {
      evict_m();
    }
  }
  void evict_s() {
    bool evicted = false;
    while (!evicted && !s_.empty()) {
      const BlockId t = s_.back();
      s_.pop_back();
      if (freq_[t] >= threshold_) {
        freq_[t] = 0;
        m_.push_front(t);
        if (m_.size() > m_size_) evict_m();
      } else {
        g_.push_front(t);
        if (g_.size() > m_size_) g_.pop_back();
        freq_.erase(t);
        evicted = true;
      }
    }
  }
  void evict_m() {
    while (!m_.empty()) {
      const BlockId t = m_.back();
      m_.pop_back();
      if (freq_[t] > 0) {
        --freq_[t];
        m_.push_front(t);
      } else {
        freq_.erase(t);
        return;
      }
    }
  }

  std::uint64_t c_, s_size_, m_size_;
  std::int64_t threshold_;
  IdList s_, m_, g_;
  std::map<BlockId, std::int64_t> freq_;
};

// SIEVE (NSDI'24, Figure 1): a queue, newest at the head, a hand from the tail.
class Sieve final : public ReferenceCache {
 public:
  explicit Sieve(std::uint64_t c) : c_(c) {}
  bool access(const BlockAccess& a) override {
    if (q_.has(a.id)) {
      visited_[a.id] = true;
      return true;
    }
    if (q_.size() == c_) evict();
    q_.push_front(a.id);
    visited_[a.id] = false;
    return false;
  }

 private:
  void evict() {
    BlockId o = hand_valid_ ? hand_ : q_.back();
    while (visited_[o]) {
      visited_[o] = false;
      o = q_.towards_front(o);  // obj.prev, or the tail when obj is the head
    }
    hand_valid_ = !q_.is_front(o);
    if (hand_valid_) hand_ = q_.towards_front(o);
    visited_.erase(o);
    q_.erase(o);
  }

  std::uint64_t c_;
  IdList q_;
  std::map<BlockId, bool> visited_;
  BlockId hand_ = 0;
  bool hand_valid_ = false;
};

// SLRU: segment 0 probationary, higher ones protected with equal shares.
class Slru final : public ReferenceCache {
 public:
  Slru(std::uint64_t c, std::int64_t segments, double protected_fraction)
      : c_(c),
        share_(std::max<std::uint64_t>(
            1, static_cast<std::uint64_t>(std::floor(static_cast<double>(c) * protected_fraction /
                                                     static_cast<double>(segments - 1))))),
        seg_(static_cast<std::size_t>(segments)) {}
  bool access(const BlockAccess& a) override {
    for (std::size_t s = 0; s < seg_.size(); ++s) {
      if (!seg_[s].has(a.id)) continue;
      seg_[s].erase(a.id);
      const std::size_t up = std::min(s + 1, seg_.size() - 1);
      seg_[up].push_front(a.id);
      for (std::size_t k = up; k >= 1 && seg_[k].size() > share_; --k) {
        seg_[k - 1].push_front(seg_[k].back());
        seg_[k].pop_back();
      }
      return true;
    }
    std::uint64_t total = 0;
    for (const auto& s : seg_) total += s.size();
    if (total == c_) {
      for (auto& s : seg_) {
        if (!s.empty()) {
          s.pop_back();
          break;
        }
      }
    }
    seg_[0].push_front(a.id);
    return false;
  }

 private:
  std::uint64_t c_, share_;
  std::vector<IdList> seg_;
};

// 2Q, full version (VLDB'94, Figure 3), deciding A1out membership before reclaiming.
class TwoQ final : public ReferenceCache {
 public:
  TwoQ(std::uint64_t c, double kin, double kout) : c_(c), kin_(share(c, kin)), kout_(share(c, kout)) {}
  bool access(const BlockAccess& a) override {
    if (am_.has(a.id)) {
      am_.erase(a.id);
      am_.push_front(a.id);
      return true;
    }
    if (a1in_.has(a.id)) return true;
    const bool remembered = a1out_.has(a.id);
    if (remembered) a1out_.erase(a.id);
    if (a1in_.size() + am_.size() == c_) reclaim();
    if (remembered) {
      am_.push_front(a.id);
    } else {
      a1in_.push_front(a.id);
    }
    return false;
  }

 private:
  void reclaim() {
    if (a1in_.size() > kin_ || am_.empty()) {
      a1out_.push_front(a1in_.back());
      a1in_.pop_back();
      if (a1out_.size() > kout_) a1out_.pop_back();
    } else {
      am_.pop_back();
    }
  }
  std::uint64_t c_, kin_, kout_;
  IdList a1in_, am_, a1out_;
};

// LengthAware: the deepest block goes first, then the rarest, then the oldest.
class LengthAware final : public ReferenceCache {
 public:
  explicit LengthAware(std::uint64_t c) : c_(c) {}
  bool access(const BlockAccess& a) override {
    ++clock_;
    auto it = blocks_.find(a.id);
    if (it != blocks_.end()) {
      order_.erase(key(a.id, it->second));
      ++it->second.count;
      it->second.last = clock_;
      order_.insert(key(a.id, it->second));
      return true;
    }
    if (blocks_.size() == c_) {
      blocks_.erase(std::get<3>(*order_.begin()));
      order_.erase(order_.begin());
    }
    const Entry e{a.position, 1, clock_};
    blocks_[a.id] = e;
    order_.insert(key(a.id, e));
    return false;
  }

 private:
  struct Entry {
    std::uint32_t position;
    std::uint64_t count;
    std::uint64_t last;
  };
  using Key = std::tuple<std::int64_t, std::uint64_t, std::uint64_t, BlockId>;
  static Key key(BlockId id, const Entry& e) { return Key{-static_cast<std::int64_t>(e.position), e.count, e.last, id}; }
  std::uint64_t c_;
  std::uint64_t clock_ = 0;
  std::map<BlockId, Entry> blocks_;
  std::set<Key> order_;
};

// Tail-first LRU: a block goes right behind the previous block of its request.
class TailFirst final : public ReferenceCache {
 public:
  explicit TailFirst(std::uint64_t c) : c_(c) {}
  bool access(const BlockAccess& a) override {
    const bool hit = list_.has(a.id);
    if (hit) {
      list_.erase(a.id);
    } else if (list_.size() == c_) {
      list_.pop_back();
    }
    if (a.position > 0 && has_last_ && last_position_ + 1 == a.position && list_.has(last_id_)) {
      list_.insert_after(last_id_, a.id);
    } else {
      list_.push_front(a.id);
    }
    last_id_ = a.id;
    last_position_ = a.position;
    has_last_ = true;
    return hit;
  }

 private:
  std::uint64_t c_;
  IdList list_;
  BlockId last_id_ = 0;
  std::uint32_t last_position_ = 0;
  bool has_last_ = false;
};

// TTL: LRU, and blocks unused for ttl leave when a request arrives.
class Ttl final : public ReferenceCache {
 public:
  Ttl(std::uint64_t c, SimTimeNs ttl) : c_(c), ttl_(ttl) {}
  void tick(SimTimeNs now) override {
    while (!list_.empty() && now - last_[list_.back()] >= ttl_) {
      last_.erase(list_.back());
      list_.pop_back();
    }
  }
  bool access(const BlockAccess& a) override {
    const bool hit = list_.has(a.id);
    if (hit) {
      list_.erase(a.id);
    } else if (list_.size() == c_) {
      last_.erase(list_.back());
      list_.pop_back();
    }
    list_.push_front(a.id);
    last_[a.id] = a.now;
    return hit;
  }

 private:
  std::uint64_t c_;
  SimTimeNs ttl_;
  IdList list_;
  std::map<BlockId, SimTimeNs> last_;
};

// Belady's MIN: evict the block used furthest in the future.
class Belady final : public ReferenceCache {
 public:
  explicit Belady(std::uint64_t c) : c_(c) {}
  bool access(const BlockAccess& a) override {
    const auto it = next_.find(a.id);
    const bool hit = it != next_.end();
    if (hit) {
      by_next_.erase({it->second, a.id});
    } else if (next_.size() == c_) {
      const auto victim = *by_next_.rbegin();
      by_next_.erase(victim);
      next_.erase(victim.second);
    }
    next_[a.id] = a.next_use;
    by_next_.insert({a.next_use, a.id});
    return hit;
  }

 private:
  std::uint64_t c_;
  std::map<BlockId, std::uint64_t> next_;
  std::set<std::pair<std::uint64_t, BlockId>> by_next_;
};

}  // namespace

std::unique_ptr<ReferenceCache> make_reference(std::string_view policy, std::uint64_t c, const EvictionParams& p) {
  if (policy == "lru") return std::make_unique<Lru>(c);
  if (policy == "fifo") return std::make_unique<Fifo>(c);
  if (policy == "lfu") return std::make_unique<Lfu>(c, p.lfu_aging);
  if (policy == "arc") return std::make_unique<Arc>(c);
  if (policy == "s3fifo") return std::make_unique<S3Fifo>(c, p.s3fifo_small, p.s3fifo_move_threshold);
  if (policy == "sieve") return std::make_unique<Sieve>(c);
  if (policy == "slru") return std::make_unique<Slru>(c, p.slru_segments, p.slru_protected);
  if (policy == "2q") return std::make_unique<TwoQ>(c, p.twoq_kin, p.twoq_kout);
  if (policy == "length_aware") return std::make_unique<LengthAware>(c);
  if (policy == "tail_first") return std::make_unique<TailFirst>(c);
  if (policy == "ttl") return std::make_unique<Ttl>(c, p.ttl_ns);
  if (policy == "belady") return std::make_unique<Belady>(c);
  return nullptr;
}

}  // namespace kvtier::test
