#include "tiers/backing/backing_set.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/units/units.h"
#include "kvtier/error.h"
#include "tiers/backing/block_frame.h"
#include "tiers/backing/ram_frame_store.h"
#include "tiers/backing/uring_frame_store.h"
#include "tiers/port.h"

namespace kvtier {

std::string directory_path(const std::string& backing_dir) {
  return (std::filesystem::path(backing_dir) / "directory").string();
}

namespace {
constexpr std::uint64_t kRamAlign = 64;
std::string file_name(const std::string& tier, std::size_t copy) { return fmt::format("{}-{}.data", tier, copy); }

}  // namespace

BackingSet::BackingSet(Hierarchy& hierarchy, const BackingOptions& options,
                       const std::function<void(std::string_view)>& warn)
    : options_(options) {
  if (!(options.scale > 0 && options.scale <= 1)) {
    throw Error(ExitCode::kConfig, fmt::format("--backing-scale {}: must be in (0, 1]", options.scale));
  }
  payload_bytes_ = std::max<std::uint64_t>(
      1, static_cast<std::uint64_t>(std::llround(static_cast<double>(hierarchy.block_bytes()) * options.scale)));
  std::uint64_t ram_bytes = 0;
  for (std::size_t level = 0; level < hierarchy.levels(); ++level) {
    if (hierarchy.tier(level).medium == "flash") continue;
    const std::uint64_t blocks = hierarchy.capacity_blocks(level);
    const std::uint64_t frame = frame_bytes_for(payload_bytes_, kRamAlign);
    if (blocks >= kUnbounded / hierarchy.copies(level) || blocks > UINT64_MAX / frame) {
      throw Error(ExitCode::kConfig, fmt::format("tiers.{}: an unbounded tier cannot be backed by RAM",
                                                 hierarchy.tier(level).name));
    }
    ram_bytes += blocks * frame;
  }
  if (ram_bytes > options.ram_cap_bytes) {
    // The largest 1/2^k scale that fits, to say what would work.
    double fits = options.scale;
    while (fits > 1e-9 && static_cast<double>(ram_bytes) * fits / options.scale > static_cast<double>(options.ram_cap_bytes)) {
      fits /= 2;
    }
    throw Error(ExitCode::kConfig,
                fmt::format("--backing real: the memory tiers need {} of RAM at --backing-scale {} (--backing-ram-cap is "
                            "{}); --backing-scale 1/{:.0f} would fit, or raise the cap",
                            units::human_bytes(static_cast<double>(ram_bytes)), options.scale,
                            units::human_bytes(static_cast<double>(options.ram_cap_bytes)), 1.0 / fits));
  }
  std::error_code ec;
  std::filesystem::create_directories(options.dir, ec);
  if (ec) throw Error(ExitCode::kIoErr, fmt::format("{}: cannot create the backing directory: {}", options.dir, ec.message()));
  if (options.resume && !std::filesystem::exists(std::filesystem::path(directory_path(options.dir)) / "CURRENT")) {
    throw Error(ExitCode::kNoInput, fmt::format("{}: no block directory to resume", options.dir));
  }
  directory_ = std::make_unique<BlockDirectory>(directory_path(options.dir), true);
  const std::optional<std::string> earlier = directory_->meta("stores");
  if (earlier && !options.resume) {
    throw Error(ExitCode::kUsage, fmt::format("{}: already holds a backed run; give a new --backing-dir", options.dir));
  }
  if (!options.ack_log.empty()) log_ = std::make_unique<AckLog>(options.ack_log);

  nlohmann::ordered_json stores = nlohmann::ordered_json::array();
  copies_.resize(hierarchy.levels());
  for (std::size_t level = 0; level < hierarchy.levels(); ++level) {
    const TierSpec& tier = hierarchy.tier(level);
    const bool flash = tier.medium == "flash";
    for (std::size_t c = 0; c < hierarchy.copies(level); ++c) {
      std::unique_ptr<IFrameStore> store;
      std::uint64_t frame = 0;
      if (flash) {
        const std::string path = (std::filesystem::path(options.dir) / file_name(tier.name, c)).string();
        // The frame size follows the file's O_DIRECT alignment, which only the open file can tell.
        const UringOptions uo{options.queue_depth, frame_bytes_for(payload_bytes_, 4096), options.direct, 8};
        const std::uint64_t frames = hierarchy.capacity_blocks(level) / hierarchy.copies(level);
        auto s = std::make_unique<UringFrameStore>(path, uo.buffer_bytes, frames, uo, warn);
        frame = s->frame_bytes();
        stores.push_back({{"level", level}, {"copy", c}, {"tier", tier.name}, {"file", file_name(tier.name, c)},
                          {"frame_bytes", frame}, {"payload_bytes", payload_bytes_}, {"frames", frames}});
        store = std::move(s);
      } else {
        frame = frame_bytes_for(payload_bytes_, kRamAlign);
        store = std::make_unique<RamFrameStore>(fmt::format("ram:{}-{}", tier.name, c), frame);
      }
      BackedCopy::Where where{static_cast<std::uint32_t>(level), static_cast<std::uint32_t>(c), tier.name,
                              level + 1 == hierarchy.levels(), tier.nand_model && tier.nand.placement == Placement::kLog,
                              hierarchy.capacity_blocks(level) / hierarchy.copies(level)};
      BackedTiming timing;
      if (options.measured_timing && flash) {
        const std::uint64_t unstored = hierarchy.block_bytes() - payload_bytes_;
        timing = {true, transfer_ns(unstored, hierarchy.server_bytes_per_s(level, false)),
                  transfer_ns(unstored, hierarchy.server_bytes_per_s(level, true))};
      }
      copies_[level].push_back(std::make_unique<BackedCopy>(std::move(where), std::move(store), payload_bytes_,
                                                            directory_.get(), options.ack, log_.get(), &generation_,
                                                            timing));
      hierarchy.copy_store(level, c).attach(copies_[level].back().get());
      if (timing.on) hierarchy.attach_timer(level, c, copies_[level].back().get());
    }
  }
  if (options.resume) {
    if (!earlier || *earlier != stores.dump()) {
      throw Error(ExitCode::kConfig,
                  fmt::format("--resume {}: its stores ({}) are not this system's ({}); resume with the configuration "
                              "and --backing-scale of the run that made them",
                              options.dir, earlier.value_or("none"), stores.dump()));
    }
    restore(hierarchy);
  }
  directory_->put_meta("stores", stores.dump());
  directory_->put_meta("ack", ack_level_name(options.ack));
  directory_->put_meta("scale", fmt::format("{}", options.scale));
  directory_->put_meta("complete", "false");
}

void BackingSet::restore(Hierarchy& hierarchy) {
  std::vector<DirectoryEntry> entries;
  directory_->for_each([&](const DirectoryEntry& e) { entries.push_back(e); });
  // Oldest first, so that the tiers' policies meet them in the order they were written.
  std::stable_sort(entries.begin(), entries.end(),
                   [](const DirectoryEntry& a, const DirectoryEntry& b) { return a.generation < b.generation; });
  for (const DirectoryEntry& e : entries) {
    generation_ = std::max(generation_, e.generation);
    const bool known = e.level < copies_.size() && e.copy < copies_[e.level].size();
    BackedCopy* c = known ? copies_[e.level][e.copy].get() : nullptr;
    bool kept = false;
    if (c != nullptr && c->intact(e)) {
      c->adopt(e);
      kept = hierarchy.preload(e.level, e.copy, BlockAccess{e.block, 0, 0});
      if (!kept) c->adopt_cancel();
    }
    if (kept) {
      ++restored_;
    } else {
      directory_->erase(e.level, e.copy, e.block, options_.ack);
      ++dropped_;
    }
  }
}

// A run that stopped on an error never called finish(): writes still in flight are
// waited for (by the stores) but not acknowledged, and the directory, which may be the
// part that failed, is not touched again. It says the run is incomplete.
BackingSet::~BackingSet() = default;

void BackingSet::finish(bool complete) {
  for (auto& level : copies_) {
    for (auto& c : level) c->finish();
  }
  directory_->put_meta("complete", complete ? "true" : "false");
}

std::vector<BackedTierSummary> BackingSet::summarize(const Hierarchy& hierarchy) const {
  std::vector<BackedTierSummary> out;
  for (std::size_t level = 0; level < copies_.size(); ++level) {
    BackedTierSummary t;
    t.name = hierarchy.tier(level).name;
    for (const auto& c : copies_[level]) {
      const auto* uring = dynamic_cast<const UringFrameStore*>(&c->store());
      t.store = uring != nullptr ? "io_uring" : "ram";
      t.direct = uring != nullptr && uring->file().direct();
      t.frame_bytes = c->store().frame_bytes();
      t.written_frames += c->stats().written_frames;
      t.read_frames += c->stats().read_frames;
      t.acked_frames += c->stats().acked_frames;
    }
    t.written_bytes = t.written_frames * t.frame_bytes;
    t.read_bytes = t.read_frames * t.frame_bytes;
    if (options_.measured_timing && t.store == "io_uring") {
      Histogram reads;
      Histogram writes;
      for (const auto& c : copies_[level]) {
        reads.merge(c->stats().read_ns);
        writes.merge(c->stats().write_ns);
      }
      const TierSpec& spec = hierarchy.tier(level);
      MeasuredTierTiming m;
      m.reads = reads.count();
      m.writes = writes.count();
      m.read_extra_ns = copies_[level].front()->timing().read_extra_ns;
      m.write_extra_ns = copies_[level].front()->timing().write_extra_ns;
      m.read_mean_ns = reads.mean();
      m.read_p50_ns = reads.percentile(50);
      m.read_p99_ns = reads.percentile(99);
      m.write_mean_ns = writes.mean();
      m.write_p50_ns = writes.percentile(50);
      m.write_p99_ns = writes.percentile(99);
      m.modelled_read_ns =
          spec.read_latency_ns + transfer_ns(hierarchy.block_bytes(), hierarchy.server_bytes_per_s(level, false));
      m.modelled_write_ns =
          spec.write_latency_ns + transfer_ns(hierarchy.block_bytes(), hierarchy.server_bytes_per_s(level, true));
      t.measured = m;
    }
    out.push_back(t);
  }
  return out;
}

}  // namespace kvtier
