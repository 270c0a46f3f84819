#include "tiers/hierarchy.h"

#include <algorithm>
#include <cmath>
#include <span>

#include "core/int128.h"
#include "tiers/admission/admission_registry.h"
#include "tiers/eviction/policy_registry.h"

namespace kvtier {

namespace {
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
    link.rate_per_server = rate_per_server(spec.bytes_per_s, 1, spec.efficiency, 1);
    const std::size_t n = scope_count(spec.scope, config_.instances, config_.instances_per_node);
    link.copies.resize(n);
    links_.push_back(std::move(link));
  }
  levels_.reserve(config_.tiers.size());
  bool needs_position = false;
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
    for (const std::string& name : spec.links) {
      for (std::size_t l = 0; l < links_.size(); ++l) {
        if (links_[l].spec.name == name) level.path.push_back(l);
      }
    }
    const auto probe = make_eviction_policy(spec.eviction, spec.eviction_params, level.capacity_blocks);
    needs_next_use_ = needs_next_use_ || probe->needs_next_use();
    needs_position = needs_position || probe->needs_position();
    level.has_surplus = probe->has_surplus();
    any_timed_ = any_timed_ || level.has_surplus || spec.lease_ns > 0;
    const auto mark = [&](double share) {
      if (share >= 1.0) return level.capacity_blocks;  // exact, even for an unbounded tier
      return std::max<std::uint64_t>(
          1, static_cast<std::uint64_t>(std::floor(static_cast<double>(level.capacity_blocks) * share)));
    };
    level.high_mark = mark(spec.high_watermark);
    level.low_mark = mark(spec.low_watermark);
    levels_.push_back(std::move(level));
  }
  // Stores are made once it is known what any tier's policy needs (the future, positions):
  // then every tier remembers it, so that demoted blocks carry it down.
  for (Level& level : levels_) {
    const std::size_t n = scope_count(level.spec.scope, config_.instances, config_.instances_per_node);
    level.copies.reserve(n);
    for (std::size_t c = 0; c < n; ++c) {
      level.copies.push_back(
          Copy{BlockStore(level.capacity_blocks,
                          make_eviction_policy(level.spec.eviction, level.spec.eviction_params, level.capacity_blocks),
                          BlockKeep{needs_position, needs_next_use_}, level.spec.lease_ns),
               Port(level.spec.channels),
               make_admission_policy(level.spec.admission, level.spec.admission_params, level.capacity_blocks)});
    }
    level.observes = !level.copies.empty() && level.copies[0].admission != nullptr &&
                     level.copies[0].admission->wants_accesses();
    any_observer_ = any_observer_ || level.observes;
  }
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

Found Hierarchy::find(std::size_t instance, BlockId id) const {
  for (std::size_t level = 0; level < levels_.size(); ++level) {
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
    store(0, instance).touch(f.slot, block);
    note_hit(0);
    return 0;
  }
  if (f.level > 0) {
    const auto level = static_cast<std::size_t>(f.level);
    note_hit(level);
    if (in_prefix) {
      store(level, instance).touch(f.slot, block);
      levels_[level].stats.read_bytes += config_.block_bytes;
    }
  }
  insert_top(instance, block, false);
  return f.level;
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
    BlockAccess victim;
    if (!s.evict(victim, incoming, now)) return s.capacity() - s.used() >= blocks;
    ++levels_[level].stats.evicted_blocks;
    add_used(level, -1, now);
    demote(victim, level + 1, instance, now);
    if (levels_[level].has_surplus) drain_surplus(level, instance, now);
  }
  return true;
}

void Hierarchy::drain_surplus(std::size_t level, std::size_t instance, SimTimeNs now) {
  BlockStore& s = store(level, instance);
  BlockAccess victim;
  while (s.evict_surplus(victim, now)) {
    ++levels_[level].stats.evicted_blocks;
    add_used(level, -1, now);
    demote(victim, level + 1, instance, now);
  }
}

void Hierarchy::demote(const BlockAccess& block, std::size_t level, std::size_t instance, SimTimeNs now) {
  TierStats& from = levels_[level - 1].stats;
  if (level >= levels_.size()) {
    ++from.dropped_blocks;
    return;
  }
  BlockStore& s = store(level, instance);
  if (s.find(block.id) != kNoSlot) {  // the level below already has this (clean) block
    ++from.demoted_blocks;
    return;
  }
  if (!admits(level, instance, block, now)) {
    ++from.dropped_blocks;
    return;
  }
  if (!make_room(level, instance, now, 1, &block)) {  // everything below is pinned by loads in flight
    ++from.dropped_blocks;
    return;
  }
  s.insert(block, false);
  add_used(level, 1, now);
  ++from.demoted_blocks;
  from.read_bytes += config_.block_bytes;
  TierStats& to = levels_[level].stats;
  ++to.inserted_blocks;
  to.written_bytes += config_.block_bytes;
  if (!config_.timed) return;
  Path path;
  path.add(leg(level - 1, instance, false));
  const std::vector<std::size_t>& above = levels_[level - 1].path;
  const std::vector<std::size_t>& below = levels_[level].path;
  for (const std::size_t l : above) {
    if (std::find(below.begin(), below.end(), l) == below.end()) path.add(link_leg(l, instance, true));
  }
  for (const std::size_t l : below) {
    if (std::find(above.begin(), above.end(), l) == above.end()) path.add(link_leg(l, instance, false));
  }
  path.add(leg(level, instance, true));
  reserve_transfer(now, config_.block_bytes, std::span(path.legs.data(), path.size));
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

SimTimeNs Hierarchy::load(std::size_t instance, std::size_t level, std::uint64_t blocks, SimTimeNs now) {
  const std::uint64_t bytes = blocks * config_.block_bytes;
  levels_[level].stats.read_bytes += bytes;
  if (!config_.timed || blocks == 0) return now;
  Path path;
  path.add(leg(level, instance, false));
  for (const std::size_t l : levels_[level].path) path.add(link_leg(l, instance, true));
  path.add(leg(0, instance, true));
  return reserve_transfer(now, bytes, std::span(path.legs.data(), path.size)).complete_ns;
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

PathLeg Hierarchy::leg(std::size_t level, std::size_t instance, bool write) {
  Level& l = levels_[level];
  PathLeg out = write ? l.write_leg_template : l.read_leg_template;
  out.port = &copy(level, instance).port;
  return out;
}

PathLeg Hierarchy::link_leg(std::size_t link_index, std::size_t instance, bool up) {
  Link& link = links_[link_index];
  LinkCopy& c = link.copies[scope_index(link.spec.scope, instance, config_.instances_per_node)];
  return PathLeg{up ? &c.up : &c.down, link.spec.latency_ns, link.rate_per_server};
}

std::size_t Hierarchy::memory_bytes() const {
  std::size_t total = 0;
  for (const Level& l : levels_) {
    for (const Copy& c : l.copies) total += c.store.memory_bytes();
  }
  return total;
}

}  // namespace kvtier
