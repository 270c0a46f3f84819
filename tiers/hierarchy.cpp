#include "tiers/hierarchy.h"

#include <algorithm>
#include <cmath>
#include <span>

#include "core/int128.h"
#include "tiers/admission/admission_registry.h"
#include "tiers/eviction/policy_registry.h"

namespace kvtier {

namespace {
std::vector<std::uint32_t> copies_by_instance(Scope scope, std::size_t instances, std::size_t instances_per_node) {
  std::vector<std::uint32_t> copy_of(instances);
  for (std::size_t i = 0; i < instances; ++i) {
    copy_of[i] = static_cast<std::uint32_t>(scope_index(scope, i, instances_per_node));
  }
  return copy_of;
}

// Effective bytes/s that one server of a port sustains: peak x devices x efficiency,
// shared by the port's servers. Rounded once, here, so timing stays integer.
std::uint64_t rate_per_server(std::uint64_t peak, std::int64_t devices, double efficiency, std::int64_t servers) {
  const double rate = static_cast<double>(peak) * static_cast<double>(devices) * efficiency /
                      static_cast<double>(servers);
  return std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::llround(rate)));
}

std::uint64_t capacity_in_blocks(const units::Size& capacity, std::int64_t devices, std::uint64_t block_bytes) {
  const auto d = static_cast<std::uint64_t>(devices);
  if (capacity.in_blocks) return capacity.value * d;
  const UInt128 total = static_cast<UInt128>(capacity.value) * d;
  const UInt128 blocks = total / block_bytes;
  return blocks > kUnbounded - 1 ? kUnbounded - 1 : static_cast<std::uint64_t>(blocks);
}
}  // namespace

Hierarchy::Hierarchy(HierarchyConfig config) : config_(std::move(config)) {
  for (const LinkSpec& spec : config_.links) {
    Link link;
    link.spec = spec;
    link.rate_per_server = rate_per_server(spec.bytes_per_s, spec.devices, spec.efficiency, 1);
    link.block_ns = transfer_ns(config_.block_bytes, link.rate_per_server);
    const std::size_t n = scope_count(spec.scope, config_.instances, config_.instances_per_node);
    link.copies.resize(n);
    link.copy_of = copies_by_instance(spec.scope, config_.instances, config_.instances_per_node);
    links_.push_back(std::move(link));
  }
  levels_.reserve(config_.tiers.size());
  bool needs_position = false;
  std::vector<bool> counts_hits(config_.tiers.size(), false);
  for (std::size_t i = 0; i < config_.tiers.size(); ++i) {
    const TierSpec& spec = config_.tiers[i];
    Level level;
    level.spec = spec;
    level.devices = spec.count * (i == 0 ? config_.first_tier_devices : 1);
    level.capacity_blocks = capacity_in_blocks(spec.capacity, level.devices, config_.block_bytes);
    level.read_leg_template = PathLeg{nullptr, spec.read_latency_ns,
                                      rate_per_server(spec.read_bytes_per_s, level.devices, spec.efficiency, spec.channels)};
    level.write_leg_template = PathLeg{
        nullptr, spec.write_latency_ns,
        rate_per_server(spec.write_bytes_per_s, level.devices, spec.efficiency, spec.channels)};
    level.read_block_leg = level.read_leg_template;
    level.read_block_leg.fixed_hold_ns = transfer_ns(config_.block_bytes, level.read_leg_template.bytes_per_s_per_server);
    level.write_block_leg = level.write_leg_template;
    level.write_block_leg.fixed_hold_ns =
        transfer_ns(config_.block_bytes, level.write_leg_template.bytes_per_s_per_server);
    for (const std::string& name : spec.links) {
      for (std::size_t l = 0; l < links_.size(); ++l) {
        if (links_[l].spec.name == name) level.path.push_back(l);
      }
    }
    const auto probe = make_eviction_policy(spec.eviction, spec.eviction_params, level.capacity_blocks);
    needs_next_use_ = needs_next_use_ || probe->needs_next_use();
    needs_position = needs_position || probe->needs_position();
    level.has_surplus = probe->has_surplus();
    any_timed_ = any_timed_ || probe->surplus_over_time() || spec.lease_ns > 0;
    const auto mark = [&](double share) {
      if (share >= 1.0) return level.capacity_blocks;  // exact, even for an unbounded tier
      return std::max<std::uint64_t>(
          1, static_cast<std::uint64_t>(std::floor(static_cast<double>(level.capacity_blocks) * share)));
    };
    level.high_mark = mark(spec.high_watermark);
    level.low_mark = mark(spec.low_watermark);
    using WritePolicy = Level::WritePolicy;
    level.write = spec.write_policy == "through"     ? WritePolicy::kThrough
                  : spec.write_policy == "selective" ? WritePolicy::kSelective
                                                     : WritePolicy::kBack;
    level.through_hits = static_cast<std::uint64_t>(spec.write_through_hits);
    level.exclusive = spec.inclusion == "exclusive";
    level.inclusive = spec.inclusion == "inclusive";
    // The level above counts hits when this one is written selectively.
    if (i > 0 && level.write == WritePolicy::kSelective) counts_hits[i - 1] = true;
    levels_.push_back(std::move(level));
  }
  // Stores are made once it is known what any tier's policy needs (the future, positions):
  // then every tier remembers it, so that demoted blocks carry it down.
  for (std::size_t i = 0; i < levels_.size(); ++i) {
    Level& level = levels_[i];
    const std::size_t n = scope_count(level.spec.scope, config_.instances, config_.instances_per_node);
    level.copies.reserve(n);
    level.copy_of = copies_by_instance(level.spec.scope, config_.instances, config_.instances_per_node);
    for (std::size_t c = 0; c < n; ++c) {
      level.copies.push_back(
          Copy{BlockStore(level.capacity_blocks,
                          make_eviction_policy(level.spec.eviction, level.spec.eviction_params, level.capacity_blocks),
                          BlockKeep{needs_position, needs_next_use_, counts_hits[i]}, level.spec.lease_ns),
               Port(level.spec.channels),
               make_admission_policy(level.spec.admission, level.spec.admission_params, level.capacity_blocks),
               nullptr, nullptr});
      if (level.spec.nand_model) {
        const std::uint64_t logical_bytes =
            flash_logical_bytes(level.spec.capacity, level.devices, level.capacity_blocks, config_.block_bytes);
        Copy& made = level.copies.back();
        made.flash = std::make_unique<FlashVolume>(level.spec.nand, level.devices, logical_bytes,
                                                   config_.block_bytes, level.capacity_blocks);
        made.store.attach(made.flash.get());
      }
    }
    level.evicts_regions = level.spec.nand_model && level.spec.nand.placement == Placement::kLog;
    level.observes = !level.copies.empty() && level.copies[0].admission != nullptr &&
                     level.copies[0].admission->wants_accesses();
    any_observer_ = any_observer_ || level.observes;
  }
  // A move from one level to another crosses the links on the source's path to the first
  // tier that the target's path does not share (towards the first tier), then those only
  // the target's path has (away from it).
  const std::size_t n = levels_.size();
  routes_.resize(n * n);
  for (std::size_t from = 0; from < n; ++from) {
    for (std::size_t to = 0; to < n; ++to) {
      const std::vector<std::size_t>& src = levels_[from].path;
      const std::vector<std::size_t>& dst = levels_[to].path;
      std::vector<Hop>& route = routes_[from * n + to];
      for (const std::size_t l : src) {
        if (std::find(dst.begin(), dst.end(), l) == dst.end()) route.push_back(Hop{l, true});
      }
      for (const std::size_t l : dst) {
        if (std::find(src.begin(), src.end(), l) == src.end()) route.push_back(Hop{l, false});
      }
    }
  }
}

bool Hierarchy::preload(std::size_t level, std::size_t copy_index, const BlockAccess& block) {
  BlockStore& s = levels_[level].copies[copy_index].store;
  if (s.full() || s.find(block.id) != kNoSlot) return false;
  s.insert(block, false);
  add_used(level, 1, block.now);
  return true;
}

std::uint64_t Hierarchy::capacity_blocks(std::size_t level) const {
  const Level& l = levels_[level];
  return l.capacity_blocks * l.copies.size();
}

std::uint64_t Hierarchy::link_bytes(std::size_t i, bool up) const {
  std::uint64_t total = 0;
  for (const LinkCopy& c : links_[i].copies) total += (up ? c.up : c.down).bytes();
  return total;
}

SimTimeNs Hierarchy::link_busy_ns(std::size_t i, bool up) const {
  SimTimeNs total = 0;
  for (const LinkCopy& c : links_[i].copies) total += (up ? c.up : c.down).busy_ns();
  return total;
}

Found Hierarchy::find(std::size_t instance, BlockId id, std::size_t from_level) const {
  for (std::size_t level = from_level; level < levels_.size(); ++level) {
    const Slot slot = store(level, instance).find(id);
    if (slot != kNoSlot) return Found{static_cast<int>(level), slot};
  }
  return Found{};
}

void Hierarchy::expire_all(std::size_t instance, SimTimeNs now) {
  for (std::size_t level = 0; level < levels_.size(); ++level) {
    store(level, instance).release_leases(now);
    if (levels_[level].has_surplus) drain_surplus(level, instance, now);
  }
}

void Hierarchy::observe_all(std::size_t instance, const BlockAccess& block) {
  for (std::size_t level = 1; level < levels_.size(); ++level) {
    if (levels_[level].observes) copy(level, instance).admission->on_access(block);
  }
}

bool Hierarchy::admits(std::size_t level, std::size_t instance, const BlockAccess& block, SimTimeNs now) {
  Copy& c = copy(level, instance);
  if (c.admission == nullptr) return true;
  const BlockStore& s = c.store;
  BlockAccess victim;
  const bool full = s.used() + 1 > levels_[level].high_mark;
  const bool admitted = c.admission->admit(block, full && s.peek_victim(victim, now) ? &victim : nullptr);
  if (!admitted) ++levels_[level].stats.refused_blocks;
  return admitted;
}

int Hierarchy::access(std::size_t instance, const BlockAccess& block, bool in_prefix) {
  observe(instance, block);
  const Found f = find(instance, block.id);
  if (f.level == 0) {
    hit(0, instance, f.slot, block);
    note_hit(0);
    return 0;
  }
  const bool load = f.level > 0 && in_prefix;
  if (f.level > 0) {
    const auto level = static_cast<std::size_t>(f.level);
    note_hit(level);
    if (load) {
      hit(level, instance, f.slot, block);
      levels_[level].stats.read_bytes += config_.block_bytes;
    }
  }
  if (insert_top(instance, block, false) != kNoSlot) placed(0, instance, block, block.now);
  if (load) promoted(static_cast<std::size_t>(f.level), instance, block.id, block.now);
  return f.level;
}

void Hierarchy::hit(std::size_t level, std::size_t instance, Slot slot, const BlockAccess& block, bool pin) {
  BlockStore& s = store(level, instance);
  s.read(slot, block);
  s.touch(slot, block, pin);
  if (level + 1 < levels_.size() && levels_[level + 1].write == Level::WritePolicy::kSelective &&
      s.hits(slot) == levels_[level + 1].through_hits) {
    write_down(level, level + 1, instance, s.access_of(slot, block.now), block.now, Source::kHeld);
  }
}

void Hierarchy::placed(std::size_t level, std::size_t instance, const BlockAccess& block, SimTimeNs now) {
  if (level + 1 < levels_.size() && levels_[level + 1].write == Level::WritePolicy::kThrough) {
    write_down(level, level + 1, instance, block, now, Source::kHeld);
  }
}

void Hierarchy::promoted(std::size_t level, std::size_t instance, BlockId id, SimTimeNs now) {
  ++levels_[level].stats.promoted_blocks;
  if (!levels_[level].exclusive) return;
  BlockStore& s = store(level, instance);
  const Slot slot = s.find(id);
  if (slot == kNoSlot || s.is_pinned(slot)) return;
  s.erase(slot);
  add_used(level, -1, now);
}

void Hierarchy::add_used(std::size_t level, std::int64_t delta, SimTimeNs now) {
  Level& l = levels_[level];
  l.used_total = static_cast<std::uint64_t>(static_cast<std::int64_t>(l.used_total) + delta);
  l.stats.used_blocks.set(now, static_cast<std::int64_t>(l.used_total));
}

bool Hierarchy::make_room(std::size_t level, std::size_t instance, SimTimeNs now, std::uint64_t blocks,
                          const BlockAccess* incoming) {
  BlockStore& s = store(level, instance);
  s.release_leases(now);
  const Level& l = levels_[level];
  if (s.used() + blocks <= l.high_mark) return true;
  // Past the high watermark: empty down to the low one. If only pinned (or leased) blocks
  // are left before that, whatever physical room there is still serves.
  while (s.used() + blocks > l.low_mark) {
    if (!evict_one(level, instance, now, incoming)) return s.capacity() - s.used() >= blocks;
  }
  return true;
}

bool Hierarchy::evict_one(std::size_t level, std::size_t instance, SimTimeNs now, const BlockAccess* incoming) {
  Copy& c = copy(level, instance);
  BlockStore& s = c.store;
  const bool regions = levels_[level].evicts_regions;
  // FIFO eviction meets blocks in write order, so the rest of the region follows the
  // victim: evict while the next victim starts in the same erase block.
  const Slot first = regions ? s.next_victim() : kNoSlot;
  const std::uint32_t region = first != kNoSlot ? c.flash->region_of(first) : 0;
  BlockAccess victim;
  if (!s.evict(victim, incoming, now)) return false;
  for (;;) {
    if (level + 1 < levels_.size()) s.prefetch_next_victim_in(store(level + 1, instance));
    evicted(level, instance, victim, now);
    if (levels_[level].has_surplus) drain_surplus(level, instance, now);
    if (!regions) return true;
    const Slot next = s.next_victim();
    if (next == kNoSlot || c.flash->region_of(next) != region || !s.evict(victim, incoming, now)) return true;
  }
}

void Hierarchy::drain_surplus(std::size_t level, std::size_t instance, SimTimeNs now) {
  BlockStore& s = store(level, instance);
  BlockAccess victim;
  while (s.evict_surplus(victim, now)) evicted(level, instance, victim, now);
}

void Hierarchy::evicted(std::size_t level, std::size_t instance, const BlockAccess& victim, SimTimeNs now) {
  ++levels_[level].stats.evicted_blocks;
  add_used(level, -1, now);
  if (levels_[level].inclusive) back_invalidate(level, instance, victim.id, now);
  demote(victim, level + 1, instance, now);
}

// Every copy of every level above that shares this level's copy loses the block, unless a
// request has it pinned (then inclusion is broken until it is released).
void Hierarchy::back_invalidate(std::size_t level, std::size_t instance, BlockId id, SimTimeNs now) {
  const Scope scope = levels_[level].spec.scope;
  const std::size_t mine = scope_index(scope, instance, config_.instances_per_node);
  for (std::size_t up = 0; up < level; ++up) {
    const Scope up_scope = levels_[up].spec.scope;
    std::size_t last_copy = SIZE_MAX;
    for (std::size_t i = 0; i < config_.instances; ++i) {
      if (scope_index(scope, i, config_.instances_per_node) != mine) continue;
      const std::size_t c = scope_index(up_scope, i, config_.instances_per_node);
      if (c == last_copy) continue;  // instances sharing an upper copy come in runs
      last_copy = c;
      BlockStore& s = levels_[up].copies[c].store;
      const Slot slot = s.find(id);
      if (slot == kNoSlot || s.is_pinned(slot)) continue;
      s.erase(slot);
      add_used(up, -1, now);
      ++levels_[up].stats.invalidated_blocks;
    }
  }
}

void Hierarchy::demote(const BlockAccess& block, std::size_t level, std::size_t instance, SimTimeNs now) {
  TierStats& from = levels_[level - 1].stats;
  if (level >= levels_.size()) {
    ++from.dropped_blocks;
    return;
  }
  // Below a level written through or selectively nothing is written back: the block was
  // written earlier (and is kept), or never (and is dropped).
  if (levels_[level].write != Level::WritePolicy::kBack) {
    if (store(level, instance).find(block.id) != kNoSlot) {
      ++from.demoted_blocks;
    } else {
      ++from.dropped_blocks;
    }
    return;
  }
  const Write w = write_down(level - 1, level, instance, block, now, Source::kLeft);
  if (w == Write::kAlreadyThere || w == Write::kWritten) {
    ++from.demoted_blocks;
  } else {
    ++from.dropped_blocks;
  }
}

Hierarchy::Write Hierarchy::write_down(std::size_t from, std::size_t to, std::size_t instance, const BlockAccess& block,
                                       SimTimeNs now, Source source) {
  BlockStore& s = store(to, instance);
  if (s.find(block.id) != kNoSlot) return Write::kAlreadyThere;  // a clean copy: nothing to write
  if (!admits(to, instance, block, now)) return Write::kRefused;
  if (!make_room(to, instance, now, 1, &block)) return Write::kNoRoom;  // all pinned by loads in flight
  // Written through, the block is still above and is read from there (a victim was read
  // as it left: see BackedCopy).
  const BlockStore& above = store(from, instance);
  const Slot held = source == Source::kHeld ? above.find(block.id) : kNoSlot;
  if (held != kNoSlot) above.read(held, block);
  const Slot slot = s.insert(block, false);
  add_used(to, 1, now);
  levels_[from].stats.read_bytes += config_.block_bytes;
  TierStats& stats = levels_[to].stats;
  ++stats.inserted_blocks;
  stats.written_bytes += config_.block_bytes;
  if (config_.timed) {
    // A block written through may still be on its way into `from`: it leaves once there.
    const SimTimeNs there = held == kNoSlot ? now : above.ready_at(held);
    const SimTimeNs not_before = there == kSimTimeNever ? now : std::max(now, there);
    s.set_ready_at(slot, move(from, to, instance, config_.block_bytes, now, not_before).complete_ns);
  }
  placed(to, instance, block, now);
  return Write::kWritten;
}

Slot Hierarchy::insert_top(std::size_t instance, const BlockAccess& block, bool pinned) {
  const SimTimeNs now = block.now;
  if (!make_room(0, instance, now, 1, &block)) return kNoSlot;
  const Slot slot = store(0, instance).insert(block, pinned);
  add_used(0, 1, now);
  TierStats& s = levels_[0].stats;
  ++s.inserted_blocks;
  s.written_bytes += config_.block_bytes;
  return slot;
}

SimTimeNs Hierarchy::load(std::size_t instance, std::size_t level, std::uint64_t blocks, SimTimeNs now,
                          SimTimeNs not_before) {
  const std::uint64_t bytes = blocks * config_.block_bytes;
  levels_[level].stats.read_bytes += bytes;
  if (!config_.timed || blocks == 0) return now;
  return move(level, 0, instance, bytes, now, not_before).complete_ns;
}

std::size_t Hierarchy::stage(std::size_t instance, std::size_t from, std::size_t to,
                             std::span<const BlockAccess> blocks, SimTimeNs now, std::vector<Slot>& slots) {
  BlockStore& s = store(to, instance);
  slots.assign(blocks.size(), kNoSlot);
  std::size_t staged = 0;
  for (std::size_t k = 0; k < blocks.size(); ++k) {
    if (s.find(blocks[k].id) != kNoSlot || !make_room(to, instance, now, 1, &blocks[k])) continue;
    const BlockStore& source = store(from, instance);
    source.read(source.find(blocks[k].id), blocks[k]);
    slots[k] = s.insert(blocks[k], true);
    add_used(to, 1, now);
    ++staged;
  }
  if (staged == 0) return 0;
  const std::uint64_t bytes = staged * config_.block_bytes;
  levels_[from].stats.read_bytes += bytes;
  TierStats& stats = levels_[to].stats;
  stats.inserted_blocks += staged;
  stats.written_bytes += bytes;
  const TransferTiming t = config_.timed ? move(from, to, instance, bytes, now, now) : TransferTiming{now, now};
  // The blocks stream in order: the k-th of n (from 1) has landed k n-ths of the way through.
  const SimTimeNs span_ns = t.complete_ns - t.start_ns;
  std::uint64_t k = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (slots[i] == kNoSlot) continue;
    ++k;
    const auto share = static_cast<SimTimeNs>(static_cast<UInt128>(span_ns) * k / staged);
    s.set_ready_at(slots[i], t.start_ns + share);
    placed(to, instance, blocks[i], now);
  }
  return staged;
}

bool Hierarchy::unstage(std::size_t instance, std::size_t level, Slot slot, SimTimeNs now) {
  BlockStore& s = store(level, instance);
  s.unpin(slot, now);
  if (s.ready_at(slot) <= now || s.is_pinned(slot)) return false;
  s.erase(slot);
  add_used(level, -1, now);
  return true;
}

std::uint64_t Hierarchy::cached_prefix_blocks(std::size_t instance, std::span<const BlockId> blocks) const {
  std::uint64_t n = 0;
  for (const BlockId id : blocks) {
    bool held = false;
    for (std::size_t level = 0; level < levels_.size() && !held; ++level) {
      held = levels_[level].copies.size() > 1 && store(level, instance).find(id) != kNoSlot;
    }
    if (!held) break;
    ++n;
  }
  return n;
}

bool Hierarchy::reserve_top(std::size_t instance, std::uint64_t blocks, SimTimeNs now) {
  if (blocks == 0) return true;
  if (!make_room(0, instance, now, blocks, nullptr)) return false;
  store(0, instance).reserve(blocks);
  add_used(0, static_cast<std::int64_t>(blocks), now);
  return true;
}

void Hierarchy::release_top(std::size_t instance, std::uint64_t blocks, SimTimeNs now) {
  if (blocks == 0) return;
  store(0, instance).release(blocks);
  add_used(0, -static_cast<std::int64_t>(blocks), now);
}

std::optional<SimTimeNs> Hierarchy::transfer(std::size_t instance, std::size_t from, std::size_t to,
                                             std::uint64_t bytes, SimTimeNs now) {
  if (bytes == 0) return now;
  SimTimeNs done = now;
  if (config_.timed) {
    const Path legs = path(from, to, instance, bytes, now);
    // reserve_transfer starts no later than the latest reservation on the path ends and
    // holds each leg for its bytes: if that bound fits the clock, the transfer does.
    UInt128 latest = static_cast<UInt128>(now);
    UInt128 slowest = 0;
    UInt128 latency = 0;
    for (std::size_t i = 0; i < legs.size; ++i) {
      const PathLeg& leg = legs.legs[i];
      latest = std::max<UInt128>(latest, static_cast<UInt128>(leg.port->last_end_ns()));
      latency += static_cast<UInt128>(leg.latency_ns);
      const UInt128 hold = leg.fixed_hold_ns >= 0 ? static_cast<UInt128>(leg.fixed_hold_ns)
                                                  : (static_cast<UInt128>(bytes) * 1'000'000'000U +
                                                     leg.bytes_per_s_per_server - 1) / leg.bytes_per_s_per_server;
      slowest = std::max(slowest, hold);
    }
    if (latest + slowest + latency > static_cast<UInt128>(kSimTimeNever)) return std::nullopt;
    done = reserve(from, to, legs, bytes, now, now).complete_ns;
  }
  levels_[from].stats.read_bytes += bytes;
  levels_[to].stats.written_bytes += bytes;
  return done;
}

Hierarchy::Path Hierarchy::path(std::size_t from, std::size_t to, std::size_t instance, std::uint64_t bytes,
                                SimTimeNs now) {
  Path out;
  Copy& source = copy(from, instance);
  Copy& target = copy(to, instance);
  const bool one_block = bytes == config_.block_bytes;
  out.add(leg(levels_[from], source, false, one_block));
  if (source.flash != nullptr) out.add(source.flash->read_leg(bytes));
  for (const Hop& hop : routes_[from * levels_.size() + to]) {
    out.add(link_leg(hop.link, instance, hop.up, one_block));
  }
  out.add(leg(levels_[to], target, true, one_block));
  if (target.flash != nullptr) out.add(target.flash->write_leg(now));
  return out;
}

TransferTiming Hierarchy::move(std::size_t from, std::size_t to, std::size_t instance, std::uint64_t bytes,
                               SimTimeNs now, SimTimeNs not_before) {
  return reserve(from, to, path(from, to, instance, bytes, now), bytes, now, not_before);
}

TransferTiming Hierarchy::reserve(std::size_t from, std::size_t to, const Path& legs, std::uint64_t bytes,
                                  SimTimeNs now, SimTimeNs not_before) {
  const TransferTiming t = reserve_transfer(now, bytes, std::span(legs.legs.data(), legs.size), not_before);
  const auto latency_ns = static_cast<std::uint64_t>(t.complete_ns - std::max(now, not_before));
  levels_[from].stats.read_latency_ns.add(latency_ns);
  levels_[to].stats.write_latency_ns.add(latency_ns);
  return t;
}

PathLeg Hierarchy::leg(const Level& level, Copy& copy, bool write, bool one_block) {
  PathLeg out = one_block ? (write ? level.write_block_leg : level.read_block_leg)
                          : (write ? level.write_leg_template : level.read_leg_template);
  out.port = &copy.port;
  if (copy.timer != nullptr) {
    out.fixed_hold_ns = write ? copy.timer->take_write_ns() : copy.timer->take_read_ns();
    out.latency_ns = 0;  // what was measured is all of it
  }
  return out;
}

PathLeg Hierarchy::link_leg(std::size_t link_index, std::size_t instance, bool up, bool one_block) {
  Link& link = links_[link_index];
  LinkCopy& c = link.copies[link.copy_of[instance]];
  return PathLeg{up ? &c.up : &c.down, link.spec.latency_ns, link.rate_per_server, one_block ? link.block_ns : -1};
}

std::size_t Hierarchy::memory_bytes() const {
  std::size_t total = 0;
  for (const Level& l : levels_) {
    for (const Copy& c : l.copies) total += c.store.memory_bytes();
  }
  return total;
}

}  // namespace kvtier
