#include "core/sim/cache_only_driver.h"

#include <array>

namespace kvtier {

namespace {
// Requests read ahead of the one being simulated, so that the index buckets of their
// first blocks can be prefetched: a replay is bound by cache misses, and a miss that
// overlaps the work on earlier requests costs little.
constexpr std::size_t kLookahead = 8;
constexpr std::size_t kPrefetchPerRequest = 2;

void account(RunStats& stats, const Request& r, std::uint64_t prefix_hits, std::uint64_t served) {
  const std::size_t n = r.blocks.size();
  ++stats.requests;
  ++stats.completed;
  ++stats.looked_up;
  stats.block_accesses += n;
  stats.prefix_hit_blocks += prefix_hits;
  if (n == 1) {
    stats.prefix_hit_fraction_sum += static_cast<double>(prefix_hits);
  } else if (n > 1) {
    stats.prefix_hit_fraction_sum += static_cast<double>(prefix_hits) / static_cast<double>(n);
  }
  stats.input_tokens += r.input_tokens;
  stats.output_tokens += r.output_tokens;
  stats.recomputed_tokens += r.input_tokens - served;
  stats.events += 1;
}

class CacheOnlyView final : public IRoutingView {
 public:
  CacheOnlyView(const Hierarchy& hierarchy, std::size_t instances) : hierarchy_(hierarchy), routed_(instances, 0) {}
  std::uint64_t load(std::size_t instance) const override { return routed_[instance]; }
  std::uint64_t cached_prefix_blocks(std::size_t instance, const Request& request) const override {
    return hierarchy_.cached_prefix_blocks(instance, request.blocks);
  }
  void routed(std::size_t instance) { ++routed_[instance]; }

 private:
  const Hierarchy& hierarchy_;
  std::vector<std::uint64_t> routed_;
};
}  // namespace

void run_cache_only(Hierarchy& hierarchy, ITraceReader& reader, IRouter& router, std::uint64_t block_tokens,
                    RunStats& stats, const RunControl& control, const NextUseOracle* oracle) {
  stats.served_tokens.assign(hierarchy.levels(), 0);
  std::array<Request, kLookahead> ring;
  std::array<std::size_t, kLookahead> instance_of{};
  CacheOnlyView view(hierarchy, hierarchy.instances());
  // A router that reads the caches routes each request when its turn comes; others route
  // ahead, so that the first blocks' index buckets can be prefetched.
  const bool route_ahead = !router.reads_view();
  const auto route = [&](std::size_t at) {
    instance_of[at] = router.route(ring[at], view);
    view.routed(instance_of[at]);
  };
  std::size_t head = 0;
  std::size_t queued = 0;
  bool more = true;
  // A lookup may go down every level: each level's bucket is asked for.
  const auto fetch_ahead = [&](std::size_t instance, BlockId id) {
    hierarchy.prefetch(instance, id);
    hierarchy.prefetch_below(instance, id);
  };
  const auto refill = [&] {
    while (more && queued < kLookahead) {
      const std::size_t at = (head + queued) % kLookahead;
      if (!reader.next(ring[at])) {
        more = false;
        break;
      }
      if (route_ahead) {
        route(at);
        const std::size_t n = std::min(ring[at].blocks.size(), kPrefetchPerRequest);
        for (std::size_t j = 0; j < n; ++j) fetch_ahead(instance_of[at], ring[at].blocks[j]);
      }
      ++queued;
    }
  };
  refill();
  while (queued > 0 && !control.stop_requested()) {
    if (!route_ahead) route(head);
    const Request& r = ring[head];
    const std::size_t instance = instance_of[head];
    if (control.time_advanced) control.time_advanced(r.arrival_ns);
    if (stats.first_arrival_ns < 0) stats.first_arrival_ns = r.arrival_ns;
    stats.end_ns = r.arrival_ns;
    bool in_prefix = true;
    std::uint64_t prefix_hits = 0;
    std::uint64_t served = 0;
    std::array<std::uint64_t, kMaxLevels> served_by_level{};
    const std::size_t n = r.blocks.size();
    hierarchy.expire(instance, r.arrival_ns);
    for (std::size_t j = 0; j < n; ++j) {
      if (j + kPrefetchPerRequest < n) fetch_ahead(instance, r.blocks[j + kPrefetchPerRequest]);
      BlockAccess block{r.blocks[j], static_cast<std::uint32_t>(j), r.arrival_ns, kNeverUsedAgain};
      if (oracle != nullptr) block.next_use = oracle->next_use(r.index, j);
      const int level = hierarchy.access(instance, block, in_prefix);
      if (level < 0) {
        in_prefix = false;
        continue;
      }
      ++stats.block_hits;
      if (in_prefix) {
        ++prefix_hits;
        const std::uint64_t tokens = RunStats::tokens_of_block(j, r.input_tokens, block_tokens);
        stats.served_tokens[static_cast<std::size_t>(level)] += tokens;
        served_by_level[static_cast<std::size_t>(level)] += tokens;
        served += tokens;
      }
    }
    account(stats, r, prefix_hits, served);
    if (control.request_done) {
      control.request_done(RequestRecord{r, instance, false, prefix_hits,
                                         std::span(served_by_level.data(), hierarchy.levels()), std::nullopt});
    }
    if (control.progress && (stats.requests & 0xFFF) == 0) {
      control.progress(Progress{stats.requests, stats.events, r.arrival_ns});
    }
    head = (head + 1) % kLookahead;
    --queued;
    refill();
  }
}

}  // namespace kvtier
