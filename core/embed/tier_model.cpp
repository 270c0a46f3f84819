#include "kvtier/tier_model.h"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <optional>

#include "core/config/config_loader.h"
#include "core/sim/simulation.h"
#include "core/sim/system_spec.h"
#include "tiers/hierarchy.h"

namespace kvtier {

namespace {
constexpr SimTimeNs kHorizonNs = SimTimeNs{1} << 62;
}  // namespace

struct TierModel::Impl {
  SystemSpec spec;
  Hierarchy hierarchy;
  std::vector<std::string> names;
  SimTimeNs last_now_ns = 0;
  // Scratch for one use: the blocks loaded up, and their positions, by source level.
  std::array<std::vector<std::uint64_t>, kMaxLevels> loaded;
  std::array<std::vector<std::uint32_t>, kMaxLevels> loaded_positions;

  explicit Impl(SystemSpec s) : spec(std::move(s)), hierarchy(hierarchy_config(spec)) {
    for (const TierSpec& t : spec.tiers) names.push_back(t.name);
  }
  // Moves the clock to `now_ns` for a call named `what`; it never goes back, nor past a
  // horizon that leaves the moves it starts room to end within 64-bit nanoseconds.
  void advance(const char* what, SimTimeNs now_ns) {
    if (now_ns > kHorizonNs) {
      throw Error(ExitCode::kUsage, fmt::format("{} at {} ns: past the model's horizon of 2^62 ns (about 146 years)",
                                                what, now_ns));
    }
    if (now_ns < last_now_ns) {
      throw Error(ExitCode::kUsage, fmt::format("{} at {} ns: the model's clock is at {} ns and never goes back", what,
                                                now_ns, last_now_ns));
    }
    last_now_ns = now_ns;
  }
};

namespace {
ResolvedConfig resolve(const TierModelOptions& options) {
  return load_system(options.config, options.config_text, options.overrides, "");
}

void check_instance(std::size_t instance, std::size_t instances) {
  if (instance >= instances) {
    throw Error(ExitCode::kUsage, fmt::format("instance {} is out of range: the system has {} (0 to {})", instance,
                                              instances, instances - 1));
  }
}

void check_level(std::string_view what, std::size_t level, std::size_t levels) {
  if (level >= levels) {
    throw Error(ExitCode::kUsage,
                fmt::format("{} {} is out of range: the system has {} tiers (0 to {})", what, level, levels, levels - 1));
  }
}
}  // namespace

TierModel::TierModel(const TierModelOptions& options)
    : impl_(std::make_unique<Impl>(build_system_spec(resolve(options)))) {
  if (impl_->hierarchy.needs_next_use()) {
    throw Error(ExitCode::kConfig,
                "belady: the optimal policy needs each access's next use, and a model driven one use at a time "
                "has no future to read it from (replay the trace with `kvtier run` instead)");
  }
}

TierModel::~TierModel() = default;
TierModel::TierModel(TierModel&&) noexcept = default;
TierModel& TierModel::operator=(TierModel&&) noexcept = default;

std::size_t TierModel::levels() const { return impl_->hierarchy.levels(); }
std::size_t TierModel::instances() const { return impl_->hierarchy.instances(); }
const std::string& TierModel::tier_name(std::size_t level) const { return impl_->names.at(level); }
std::uint64_t TierModel::block_bytes() const { return impl_->hierarchy.block_bytes(); }
std::uint64_t TierModel::block_tokens() const { return impl_->spec.block_tokens; }
bool TierModel::timed() const { return impl_->spec.timed; }

int TierModel::find(std::size_t instance, std::uint64_t block) const {
  check_instance(instance, instances());
  return impl_->hierarchy.find(instance, block).level;
}

// The steps of Hierarchy::access, one block at a time, except that the bytes loaded up
// are counted (and timed) by one load per source level once the request's prefix is known,
// as a timed run's admission does.
RequestUse TierModel::use(std::size_t instance, std::span<const std::uint64_t> blocks, SimTimeNs now_ns,
                          bool computed_now) {
  check_instance(instance, instances());
  Impl& m = *impl_;
  m.advance("use", now_ns);
  Hierarchy& h = m.hierarchy;
  BlockStore& top = h.store(0, instance);
  h.expire(instance, now_ns);
  for (std::size_t level = 0; level < kMaxLevels; ++level) {
    m.loaded[level].clear();
    m.loaded_positions[level].clear();
  }
  std::array<SimTimeNs, kMaxLevels> landed_at{};  // per source level: when its last block is there
  RequestUse result;
  result.found_level.reserve(blocks.size());
  result.prefix_ready_ns = now_ns;
  bool in_prefix = true;
  for (std::size_t j = 0; j < blocks.size(); ++j) {
    const BlockAccess access{blocks[j], static_cast<std::uint32_t>(j), now_ns, kNeverUsedAgain};
    h.observe(instance, access);
    const Found f = h.find(instance, access.id);
    result.found_level.push_back(f.level);
    if (f.level < 0) {
      in_prefix = false;
    } else {
      h.note_hit(static_cast<std::size_t>(f.level));
    }
    if (f.level == 0) {
      h.hit(0, instance, f.slot, access);
      if (in_prefix) {
        ++result.prefix_hit_blocks;
        result.prefix_ready_ns = std::max(result.prefix_ready_ns, top.ready_at(f.slot));
      }
      continue;
    }
    // Found below but past the prefix: recomputed, as a miss is.
    const bool load = f.level > 0 && in_prefix;
    if (load) {
      const auto level = static_cast<std::size_t>(f.level);
      h.hit(level, instance, f.slot, access);
      landed_at[level] = std::max(landed_at[level], h.store(level, instance).ready_at(f.slot));
      ++result.prefix_hit_blocks;
    }
    // A computed block is there at once. With timing on, a loaded one is there once its
    // load lands (below), so that a tier written through gets it no earlier; with timing
    // off, at once, as the cache-only replay has it.
    const bool placed = (load || computed_now) && h.insert_top(instance, access, false) != kNoSlot;
    if (placed && !(load && m.spec.timed)) h.placed(0, instance, access, now_ns);
    if (load) {
      m.loaded[static_cast<std::size_t>(f.level)].push_back(access.id);
      m.loaded_positions[static_cast<std::size_t>(f.level)].push_back(access.position);
      h.promoted(static_cast<std::size_t>(f.level), instance, access.id, now_ns);
    }
  }
  for (std::size_t level = 1; level < h.levels(); ++level) {
    const std::vector<std::uint64_t>& ids = m.loaded[level];
    if (ids.empty()) continue;
    const SimTimeNs done = h.load(instance, level, ids.size(), now_ns, std::max(now_ns, landed_at[level]));
    for (std::size_t k = 0; k < ids.size(); ++k) {
      const Slot s = top.find(ids[k]);  // a later block of the request may have evicted it again
      if (s == kNoSlot) continue;
      top.set_ready_at(s, done);
      if (m.spec.timed) {
        h.placed(0, instance, BlockAccess{ids[k], m.loaded_positions[level][k], now_ns, kNeverUsedAgain}, now_ns);
      }
    }
    result.prefix_ready_ns = std::max(result.prefix_ready_ns, done);
  }
  return result;
}

std::uint64_t TierModel::insert(std::size_t instance, std::span<const std::uint64_t> blocks, SimTimeNs now_ns) {
  check_instance(instance, instances());
  Impl& m = *impl_;
  m.advance("insert", now_ns);
  Hierarchy& h = m.hierarchy;
  h.expire(instance, now_ns);
  std::uint64_t inserted = 0;
  for (std::size_t j = 0; j < blocks.size(); ++j) {
    if (h.store(0, instance).find(blocks[j]) != kNoSlot) continue;
    const BlockAccess access{blocks[j], static_cast<std::uint32_t>(j), now_ns, kNeverUsedAgain};
    if (h.insert_top(instance, access, false) == kNoSlot) continue;
    h.placed(0, instance, access, now_ns);
    ++inserted;
  }
  return inserted;
}

SimTimeNs TierModel::transfer(std::size_t instance, std::size_t from_level, std::size_t to_level, std::uint64_t bytes,
                              SimTimeNs now_ns) {
  check_instance(instance, instances());
  check_level("from_level", from_level, levels());
  check_level("to_level", to_level, levels());
  Impl& m = *impl_;
  Hierarchy& h = m.hierarchy;
  if (from_level == to_level) {
    throw Error(ExitCode::kUsage, fmt::format("transfer from tier {} to itself: the levels must differ", from_level));
  }
  if (h.tier(to_level).nand_model) {
    throw Error(ExitCode::kUsage,
                fmt::format("transfer into tier {} ('{}'): it models its NAND, which is written only with the blocks its "
                            "FTL places (insert() them, or let the model demote them)",
                            to_level, h.tier(to_level).name));
  }
  if (bytes > kMaxTransferBytes) {
    throw Error(ExitCode::kUsage, fmt::format("transfer of {} bytes: at most 1 PiB ({} bytes) at once", bytes,
                                              kMaxTransferBytes));
  }
  m.advance("transfer", now_ns);
  h.expire(instance, now_ns);
  const std::optional<SimTimeNs> done = h.transfer(instance, from_level, to_level, bytes, now_ns);
  if (!done) {
    throw Error(ExitCode::kUsage,
                fmt::format("transfer of {} bytes at {} ns: it would end past the clock's end (2^63 - 1 ns)", bytes,
                            now_ns));
  }
  return *done;
}

TierCounters TierModel::counters(std::size_t level) const {
  check_level("level", level, levels());
  const TierStats& s = impl_->hierarchy.stats(level);
  return TierCounters{s.hit_blocks,      s.inserted_blocks, s.evicted_blocks,
                      s.demoted_blocks,  s.dropped_blocks,  s.refused_blocks,
                      s.promoted_blocks, s.read_bytes,      s.written_bytes,
                      static_cast<std::uint64_t>(s.used_blocks.value()),
                      s.read_latency_ns.count(),
                      s.write_latency_ns.count(),
                      s.read_latency_ns.mean(),
                      s.write_latency_ns.mean(),
                      s.read_latency_ns.percentile(99),
                      s.write_latency_ns.percentile(99)};
}

}  // namespace kvtier
