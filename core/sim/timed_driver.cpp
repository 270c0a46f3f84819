#include "core/sim/timed_driver.h"

#include <algorithm>
#include <array>
#include <fmt/format.h>

#include "kvtier/error.h"

namespace kvtier {

namespace {
// An event's 32-bit payload: the kind in the top three bits, the request's handle below.
constexpr int kKindShift = 29;
constexpr std::uint32_t kHandleMask = (1U << kKindShift) - 1;
// Roles of a request's blocks during admission.
constexpr std::uint8_t kInTop = 0;
constexpr std::uint8_t kLoad = 1;
constexpr std::uint8_t kCompute = 2;
// How many blocks ahead admission asks for index lines: enough misses in flight at once
// to cover the memory's latency.
constexpr std::size_t kLookahead = 8;

std::uint64_t blocks_for(std::uint64_t tokens, std::uint64_t block_tokens) {
  return (tokens + block_tokens - 1) / block_tokens;
}

SimTimeNs ceil_div(SimTimeNs a, std::int64_t b) { return (a + b - 1) / b; }
}  // namespace

TimedDriver::TimedDriver(Hierarchy& hierarchy, const ComputeModel& compute, ITraceReader& reader, IRouter& router,
                         std::size_t instances, std::uint64_t block_tokens, RunStats& stats,
                         const RunControl& control, const NextUseOracle* oracle, const SchedulerSpec& scheduler)
    : hierarchy_(hierarchy),
      compute_(compute),
      reader_(reader),
      router_(router),
      block_tokens_(block_tokens),
      stats_(stats),
      control_(control),
      oracle_(oracle),
      scheduler_(scheduler),
      instances_(instances),
      loads_by_level_(hierarchy.levels()),
      stage_by_level_(hierarchy.levels()),
      stage_positions_(hierarchy.levels()) {
  stats_.served_tokens.assign(hierarchy.levels(), 0);
}

void TimedDriver::schedule(SimTimeNs t, Kind kind, std::uint32_t handle) {
  queue_.push(t, (static_cast<std::uint32_t>(kind) << kKindShift) | handle);
}

std::uint32_t TimedDriver::allocate() {
  if (!free_handles_.empty()) {
    const std::uint32_t h = free_handles_.back();
    free_handles_.pop_back();
    return h;
  }
  if (active_.size() > kHandleMask) {
    throw Error(ExitCode::kSoftware, "more than 2^29 requests in flight at once");
  }
  active_.emplace_back();
  return static_cast<std::uint32_t>(active_.size() - 1);
}

void TimedDriver::release(std::uint32_t handle) { free_handles_.push_back(handle); }

void TimedDriver::log_done(const Active& a, bool rejected) const {
  if (!control_.request_done) return;
  std::optional<RequestTiming> timing;
  if (!rejected) {
    timing = RequestTiming{a.admitted_ns - a.request.arrival_ns, a.loads_done_ns - a.admitted_ns,
                           a.prefill_start_ns - a.ready_ns,      a.first_token_ns - a.prefill_start_ns,
                           a.first_token_ns - a.request.arrival_ns, now_};
  }
  control_.request_done(RequestRecord{a.request, a.instance, rejected, rejected ? 0 : a.prefix_hits,
                                      std::span(a.served_tokens.data(), hierarchy_.levels()), timing});
}

std::uint64_t TimedDriver::load(std::size_t instance) const {
  const InstanceState& st = instances_[instance];
  return st.prefetching + st.waiting.size() + st.running;
}

std::uint64_t TimedDriver::cached_prefix_blocks(std::size_t instance, const Request& request) const {
  return hierarchy_.cached_prefix_blocks(instance, request.blocks);
}

BlockAccess TimedDriver::block_access(const Active& a, std::size_t j) const {
  BlockAccess block{a.request.blocks[j], static_cast<std::uint32_t>(j), now_, kNeverUsedAgain};
  if (oracle_ != nullptr) block.next_use = oracle_->next_use(a.request.index, j);
  return block;
}

bool TimedDriver::read_next() {
  const std::uint32_t h = allocate();
  if (!reader_.next(active_[h].request)) {
    release(h);
    return false;
  }
  const SimTimeNs t = active_[h].request.arrival_ns;
  if (stats_.first_arrival_ns < 0) stats_.first_arrival_ns = t;
  ++stats_.requests;
  schedule(std::max(t, now_), Kind::kArrival, h);
  return true;
}

void TimedDriver::run() {
  // A run that an error stops still has its summary written: it ends where it stopped.
  struct EndAtNow {
    RunStats& stats;
    const SimTimeNs& now;
    ~EndAtNow() { stats.end_ns = now; }
  } end_at_now{stats_, now_};
  read_next();
  while (!queue_.empty() && !control_.stop_requested()) {
    const Event e = queue_.pop();
    if (control_.time_advanced && e.time_ns > now_) control_.time_advanced(e.time_ns);
    now_ = e.time_ns;
    ++stats_.events;
    const auto handle = static_cast<std::uint32_t>(e.payload & kHandleMask);
    switch (static_cast<Kind>(e.payload >> kKindShift)) {
      case Kind::kArrival: on_arrival(handle); break;
      case Kind::kPrefetchDone: on_prefetch_done(handle); break;
      case Kind::kLoadsDone: on_loads_done(handle); break;
      case Kind::kFirstLayer: make_ready(handle); break;
      case Kind::kPrefillDone: on_prefill_done(handle); break;
      case Kind::kDecodeDone: on_decode_done(handle); break;
    }
    if (control_.progress && (stats_.events & 0xFFF) == 0) {
      control_.progress(Progress{stats_.requests, stats_.events, now_});
    }
  }
}

void TimedDriver::on_arrival(std::uint32_t handle) {
  read_next();
  Active& a = active_[handle];
  a.instance = router_.route(a.request, *this);
  a.decode_blocks =
      blocks_for(a.request.input_tokens + a.request.output_tokens, block_tokens_) - a.request.blocks.size();
  const std::uint64_t capacity = hierarchy_.store(0, a.instance).capacity();
  if (a.request.blocks.size() + a.decode_blocks > capacity) {
    ++stats_.rejected;
    if (!rejected_warned_ && control_.warn) {
      control_.warn(fmt::format(
          "request {} needs {} blocks but an instance's first tier holds {}; such requests are rejected "
          "(counted in requests.rejected)",
          a.request.index, a.request.blocks.size() + a.decode_blocks, capacity));
      rejected_warned_ = true;
    }
    a.served_tokens.fill(0);
    log_done(a, true);
    release(handle);
    return;
  }
  a.staged.clear();
  a.prefetching = false;
  if (scheduler_.prefetch != PrefetchPolicy::kOff && start_prefetch(handle)) {
    if (scheduler_.prefetch == PrefetchPolicy::kBestEffort) {
      a.prefetching = true;
    } else {
      SimTimeNs done = now_;
      std::uint64_t tokens = 0;
      const BlockStore& into = hierarchy_.store(scheduler_.prefetch_level, a.instance);
      for (const Active::Staged& st : a.staged) {
        done = std::max(done, into.ready_at(st.slot));
        tokens += RunStats::tokens_of_block(st.position, a.request.input_tokens, block_tokens_);
      }
      if (scheduler_.prefetch == PrefetchPolicy::kTimeout) {
        done = std::min(done, now_ + scheduler_.prefetch_timeout_ns(tokens));
      }
      ++instances_[a.instance].prefetching;
      schedule(done, Kind::kPrefetchDone, handle);
      return;
    }
  }
  enqueue(handle);
}

bool TimedDriver::start_prefetch(std::uint32_t handle) {
  Active& a = active_[handle];
  const std::size_t inst = a.instance;
  const std::size_t into = scheduler_.prefetch_level;
  for (std::size_t level = into + 1; level < stage_by_level_.size(); ++level) {
    stage_by_level_[level].clear();
    stage_positions_[level].clear();
  }
  // The reusable prefix as admission would see it now; nothing is touched.
  const BlockStore& top = hierarchy_.store(0, inst);
  std::uint64_t tokens = 0;
  for (std::size_t j = 0; j < a.request.blocks.size(); ++j) {
    const Found f = hierarchy_.find(inst, a.request.blocks[j]);
    if (f.level < 0 || (f.level == 0 && top.ready_at(f.slot) == kSimTimeNever)) break;
    const auto level = static_cast<std::size_t>(f.level);
    if (level <= into) continue;
    stage_by_level_[level].push_back(block_access(a, j));
    stage_positions_[level].push_back(j);
    tokens += RunStats::tokens_of_block(j, a.request.input_tokens, block_tokens_);
  }
  if (tokens == 0 || tokens < scheduler_.prefetch_threshold_tokens) return false;
  for (std::size_t level = into + 1; level < stage_by_level_.size(); ++level) {
    if (stage_by_level_[level].empty()) continue;
    hierarchy_.stage(inst, level, into, stage_by_level_[level], now_, stage_slots_);
    for (std::size_t k = 0; k < stage_slots_.size(); ++k) {
      if (stage_slots_[k] != kNoSlot) a.staged.push_back(Active::Staged{stage_positions_[level][k], stage_slots_[k]});
    }
  }
  if (a.staged.empty()) return false;
  ++stats_.prefetches;
  stats_.prefetched_blocks += a.staged.size();
  return true;
}

void TimedDriver::cut_prefetch(Active& a) {
  const BlockStore& into = hierarchy_.store(scheduler_.prefetch_level, a.instance);
  std::size_t kept = 0;
  for (const Active::Staged& st : a.staged) {
    if (into.ready_at(st.slot) <= now_) {
      a.staged[kept++] = st;
      continue;
    }
    hierarchy_.unstage(a.instance, scheduler_.prefetch_level, st.slot, now_);
    ++stats_.prefetch_wasted_blocks;
  }
  a.staged.resize(kept);
}

void TimedDriver::on_prefetch_done(std::uint32_t handle) {
  Active& a = active_[handle];
  cut_prefetch(a);
  --instances_[a.instance].prefetching;
  stats_.prefetch_wait_ns.add(static_cast<std::uint64_t>(now_ - a.request.arrival_ns));
  enqueue(handle);
}

void TimedDriver::enqueue(std::uint32_t handle) {
  const std::size_t instance = active_[handle].instance;
  instances_[instance].waiting.push_back(handle);
  try_admit(instance);
}

void TimedDriver::try_admit(std::size_t instance) {
  InstanceState& st = instances_[instance];
  while (!st.waiting.empty() && st.running < static_cast<std::uint64_t>(compute_.instance().max_running)) {
    if (!admit(st.waiting.front())) break;
    st.waiting.pop_front();
  }
}

bool TimedDriver::admit(std::uint32_t handle) {
  Active& a = active_[handle];
  const std::size_t inst = a.instance;
  BlockStore& top = hierarchy_.store(0, inst);
  const std::vector<BlockId>& blocks = a.request.blocks;
  const std::size_t n = blocks.size();

  // Room: every block not yet in the first tier, plus decode output, must fit beside what
  // is pinned there; unpinned blocks of this request are about to be pinned too. Index
  // lookups miss the cache on big tiers, so each is requested a few blocks ahead, and a
  // block absent here has its lower tiers' buckets requested for the next pass.
  hierarchy_.expire(inst, now_);
  std::uint64_t absent = 0;
  std::uint64_t present_unpinned = 0;
  a.top_slots.resize(n);
  for (std::size_t j = 0; j < std::min(n, kLookahead); ++j) top.prefetch(blocks[j]);
  for (std::size_t j = 0; j < n; ++j) {
    if (j + kLookahead < n) top.prefetch(blocks[j + kLookahead]);
    const Slot s = top.find(blocks[j]);
    a.top_slots[j] = s;
    if (s == kNoSlot) {
      ++absent;
      hierarchy_.prefetch_below(inst, blocks[j]);  // looked up there in the next pass
    } else {
      top.prefetch_slot(s);  // its pin count, read next
    }
  }
  for (std::size_t j = 0; j < n; ++j) {
    if (a.top_slots[j] != kNoSlot && !top.is_pinned(a.top_slots[j])) ++present_unpinned;
  }
  const std::uint64_t held = top.reserved() + top.pinned() + present_unpinned;
  if (held > top.capacity() || absent + a.decode_blocks > top.capacity() - held) return false;

  if (a.prefetching) {
    cut_prefetch(a);
    a.prefetching = false;
  }
  const std::size_t into = scheduler_.prefetch_level;
  if (!a.staged.empty()) {
    staged_slot_.assign(n, kNoSlot);
    for (const Active::Staged& st : a.staged) staged_slot_[st.position] = st.slot;
  }
  a.admitted_ns = now_;
  a.computed.clear();
  a.sources.clear();
  for (auto& positions : loads_by_level_) positions.clear();
  role_.assign(n, kCompute);
  std::vector<std::uint8_t>& role = role_;

  // Pass 1: find every block, pin it where it is, and fix the reusable prefix.
  bool in_prefix = true;
  SimTimeNs usable_at = now_;
  std::array<SimTimeNs, kMaxLevels> landed_at{};  // per source level: when its last block is there
  std::uint64_t prefetch_used = 0;
  std::uint64_t prefix_hits = 0;
  std::uint64_t served = 0;
  a.served_tokens.fill(0);
  for (std::size_t j = 0; j < n; ++j) {
    const BlockAccess access = block_access(a, j);
    hierarchy_.observe(inst, access);
    // The first tier was looked up above, and nothing has left it since.
    const Found f = a.top_slots[j] != kNoSlot ? Found{0, a.top_slots[j]} : hierarchy_.find(inst, blocks[j], 1);
    if (f.level >= 0) {
      ++stats_.block_hits;
      hierarchy_.note_hit(static_cast<std::size_t>(f.level));
    }
    if (f.level == 0) {
      hierarchy_.hit(0, inst, f.slot, access, true);
      a.top_slots[j] = f.slot;
      role[j] = kInTop;
      const SimTimeNs ready = top.ready_at(f.slot);
      if (ready == kSimTimeNever) {
        in_prefix = false;  // another request is computing it: this one recomputes it too
        a.computed.push_back(j);
      } else if (in_prefix) {
        usable_at = std::max(usable_at, ready);
        ++prefix_hits;
        const std::uint64_t tokens = RunStats::tokens_of_block(j, a.request.input_tokens, block_tokens_);
        stats_.served_tokens[0] += tokens;
        a.served_tokens[0] += tokens;
        served += tokens;
      }
      continue;
    }
    if (f.level > 0 && in_prefix) {
      const auto level = static_cast<std::size_t>(f.level);
      hierarchy_.hit(level, inst, f.slot, access, true);
      BlockStore& source = hierarchy_.store(level, inst);
      landed_at[level] = std::max(landed_at[level], source.ready_at(f.slot));
      if (level == into && !a.staged.empty() && staged_slot_[j] == f.slot) ++prefetch_used;
      a.sources.push_back(Active::Source{level, f.slot, j});
      loads_by_level_[level].push_back(j);
      role[j] = kLoad;
      ++prefix_hits;
      const std::uint64_t tokens = RunStats::tokens_of_block(j, a.request.input_tokens, block_tokens_);
      stats_.served_tokens[level] += tokens;
      a.served_tokens[level] += tokens;
      served += tokens;
      continue;
    }
    in_prefix = false;
  }

  // Prefetched blocks are used from here on like any other block of their tier.
  for (const Active::Staged& st : a.staged) hierarchy_.unstage(inst, into, st.slot, now_);
  stats_.prefetch_used_blocks += prefetch_used;
  stats_.prefetch_wasted_blocks += a.staged.size() - prefetch_used;
  a.staged.clear();

  // Pass 2: first-tier slots for what is loaded or computed.
  for (std::size_t j = 0; j < n; ++j) {
    if (role[j] == kInTop) continue;
    Slot s = top.find(blocks[j]);  // an earlier copy of the same id in this request
    if (s != kNoSlot) {
      top.pin(s);
    } else {
      s = hierarchy_.insert_top(inst, block_access(a, j), true);
      if (s == kNoSlot) throw Error(ExitCode::kSoftware, "internal: admitted request found no first-tier room");
      if (role[j] == kCompute) {
        top.set_ready_at(s, kSimTimeNever);
        a.computed.push_back(j);
      }
    }
    a.top_slots[j] = s;
  }

  // Loads: one transfer per source tier, all starting now.
  SimTimeNs loads_done = usable_at;
  for (std::size_t level = 1; level < loads_by_level_.size(); ++level) {
    const std::vector<std::size_t>& positions = loads_by_level_[level];
    if (positions.empty()) continue;
    const SimTimeNs done = hierarchy_.load(inst, level, positions.size(), now_, landed_at[level]);
    for (const std::size_t j : positions) top.set_ready_at(a.top_slots[j], done);
    loads_done = std::max(loads_done, done);
  }
  if (!hierarchy_.reserve_top(inst, a.decode_blocks, now_)) {
    throw Error(ExitCode::kSoftware, "internal: admitted request found no first-tier room for its decode output");
  }

  a.cached_tokens = served;
  a.prefix_hits = prefix_hits;
  ++stats_.looked_up;
  stats_.block_accesses += n;
  stats_.prefix_hit_blocks += prefix_hits;
  stats_.prefix_hit_fraction_sum += n == 0 ? 0.0 : static_cast<double>(prefix_hits) / static_cast<double>(n);
  stats_.input_tokens += a.request.input_tokens;
  stats_.output_tokens += a.request.output_tokens;
  stats_.recomputed_tokens += a.request.input_tokens - served;
  stats_.admission_wait_ns.add(static_cast<std::uint64_t>(now_ - a.request.arrival_ns));
  ++instances_[inst].running;
  a.loads_done_ns = loads_done;
  a.layered = scheduler_.layerwise && loads_done > now_;
  schedule(loads_done, Kind::kLoadsDone, handle);
  if (a.layered) schedule(now_ + ceil_div(loads_done - now_, compute_.model().layers), Kind::kFirstLayer, handle);
  return true;
}

void TimedDriver::on_loads_done(std::uint32_t handle) {
  Active& a = active_[handle];
  // The loaded blocks are in the first tier now: tiers written through get them, and an
  // exclusive source lets its copy go.
  for (const Active::Source& src : a.sources) {
    hierarchy_.store(src.level, a.instance).unpin(src.slot, now_);
    hierarchy_.promoted(src.level, a.instance, a.request.blocks[src.position], now_);
    hierarchy_.placed(0, a.instance, block_access(a, src.position), now_);
  }
  a.sources.clear();
  stats_.load_ns.add(static_cast<std::uint64_t>(now_ - a.admitted_ns));
  if (!a.layered) make_ready(handle);
}

void TimedDriver::make_ready(std::uint32_t handle) {
  Active& a = active_[handle];
  a.ready_ns = now_;
  InstanceState& st = instances_[a.instance];
  st.ready.push_back(handle);
  if (!st.prefilling) start_prefill(a.instance);
}

void TimedDriver::start_prefill(std::size_t instance) {
  InstanceState& st = instances_[instance];
  const std::uint32_t h = st.ready.front();
  st.ready.pop_front();
  st.prefilling = true;
  Active& a = active_[h];
  a.prefill_start_ns = now_;
  stats_.compute_wait_ns.add(static_cast<std::uint64_t>(now_ - a.ready_ns));
  const SimTimeNs duration = compute_.prefill_ns(a.request.input_tokens - a.cached_tokens, a.cached_tokens);
  SimTimeNs end = now_ + duration;
  // Layer l computes once layer l has loaded: the last layer ends no earlier than the
  // last load plus one layer's share of the prefill.
  if (a.layered) end = std::max(end, a.loads_done_ns + ceil_div(duration, compute_.model().layers));
  schedule(end, Kind::kPrefillDone, h);
}

void TimedDriver::on_prefill_done(std::uint32_t handle) {
  Active& a = active_[handle];
  stats_.ttft_ns.add(static_cast<std::uint64_t>(now_ - a.request.arrival_ns));
  a.first_token_ns = now_;
  stats_.prefill_ns.add(static_cast<std::uint64_t>(now_ - a.prefill_start_ns));
  BlockStore& top = hierarchy_.store(0, a.instance);
  for (const std::size_t j : a.computed) {
    const Slot s = a.top_slots[j];
    if (top.ready_at(s) > now_) top.set_ready_at(s, now_);
    hierarchy_.placed(0, a.instance, block_access(a, j), now_);
  }
  InstanceState& st = instances_[a.instance];
  st.prefilling = false;
  a.kv_bytes = (a.request.input_tokens + a.request.output_tokens) * compute_.model().kv_bytes_per_token();
  st.decode_kv_bytes += a.kv_bytes;
  const std::uint64_t steps = a.request.output_tokens > 0 ? a.request.output_tokens - 1 : 0;
  const SimTimeNs step_ns = compute_.decode_step_ns(st.decode_kv_bytes);
  schedule(now_ + static_cast<SimTimeNs>(steps) * step_ns, Kind::kDecodeDone, handle);
  if (!st.ready.empty()) start_prefill(a.instance);
}

void TimedDriver::on_decode_done(std::uint32_t handle) {
  Active& a = active_[handle];
  BlockStore& top = hierarchy_.store(0, a.instance);
  for (const Slot s : a.top_slots) top.unpin(s, now_);
  hierarchy_.release_top(a.instance, a.decode_blocks, now_);
  InstanceState& st = instances_[a.instance];
  st.decode_kv_bytes -= a.kv_bytes;
  --st.running;
  ++stats_.completed;
  log_done(a, false);
  const std::size_t instance = a.instance;
  release(handle);
  try_admit(instance);
}

}  // namespace kvtier
