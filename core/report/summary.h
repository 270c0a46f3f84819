// The results of a run, derived once from the hierarchy and the run's statistics, and
// rendered as summary.json and as the CLI table. Units are in every field name.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/report/flash_summary.h"
#include "core/sim/run_stats.h"
#include "core/sim/system_spec.h"
#include "tiers/backing/backing_set.h"
#include "tiers/hierarchy.h"

namespace kvtier {

inline constexpr int kSummarySchemaVersion = 1;

struct LatencySummary {
  double mean_ns = 0;
  std::uint64_t p50_ns = 0;
  std::uint64_t p90_ns = 0;
  std::uint64_t p99_ns = 0;
  std::uint64_t p999_ns = 0;
  std::uint64_t max_ns = 0;
};

struct TierSummary {
  std::string name;
  std::string medium;
  std::string scope;
  std::string eviction;
  std::string admission;
  std::string write_policy;
  std::uint64_t copies = 0;
  std::uint64_t capacity_bytes = 0;
  std::uint64_t capacity_blocks = 0;
  std::uint64_t read_bytes = 0;
  std::uint64_t written_bytes = 0;
  std::uint64_t hit_blocks = 0;
  std::uint64_t inserted_blocks = 0;
  std::uint64_t evicted_blocks = 0;
  std::uint64_t demoted_blocks = 0;
  std::uint64_t dropped_blocks = 0;
  std::uint64_t refused_blocks = 0;
  std::uint64_t promoted_blocks = 0;
  std::uint64_t invalidated_blocks = 0;
  // Write efficiency: bytes written here per byte later found here; absent without hits.
  std::optional<double> written_bytes_per_hit_byte;
  std::uint64_t peak_used_bytes = 0;
  double utilization = 0;    // time-weighted mean occupancy / capacity
  double busy_fraction = 0;  // port busy time / (servers x copies x duration); 0 with timing off
  double read_bytes_per_s = 0;
  double write_bytes_per_s = 0;
  double energy_j = 0;
  double cost_usd = 0;
  // Timed transfers out of (into) the tier and their latency, queueing included (see
  // TierStats); the latency is absent with timing off or without transfers.
  std::uint64_t read_transfers = 0;
  std::uint64_t write_transfers = 0;
  std::optional<LatencySummary> read_latency;
  std::optional<LatencySummary> write_latency;
  std::optional<FlashSummary> flash;  // flash_model = "nand" tiers only
};

struct LinkSummary {
  std::string name;
  std::string scope;
  std::uint64_t copies = 0;
  std::uint64_t up_bytes = 0;    // towards the first tier (loads)
  std::uint64_t down_bytes = 0;  // away from it (demotions)
  double up_busy_fraction = 0;
  double down_busy_fraction = 0;
  double energy_j = 0;
};

struct PrefetchSummary {
  std::string policy;
  std::string into;
  std::uint64_t requests = 0;  // prefetched for
  std::uint64_t blocks = 0;
  std::uint64_t used_blocks = 0;
  std::uint64_t wasted_blocks = 0;
  double wait_mean_ns = 0;  // wait_complete and timeout
};

// A real-backed run (--backing real): how its bytes were stored and acknowledged.
struct BackingSummary {
  std::string ack;
  bool measured = false;  // --timing measured
  double scale = 0;
  std::uint64_t payload_bytes = 0;  // stored per block
  std::string dir;
  std::vector<BackedTierSummary> tiers;
  bool resumed = false;  // --resume: the flash tiers started with an earlier run's blocks
  std::uint64_t restored_blocks = 0;
  std::uint64_t dropped_blocks = 0;
};

// The most block hits any policy could get from all the tiers' capacity together
// (core/sweep/workload_bound.h).
struct BeladySummary {
  std::uint64_t capacity_blocks = 0;
  std::uint64_t accesses = 0;
  std::uint64_t hits = 0;
  double ratio() const { return accesses == 0 ? 0.0 : static_cast<double>(hits) / static_cast<double>(accesses); }
};

struct Summary {
  bool complete = true;
  std::string error;  // why it is incomplete

  std::string system_name;
  std::uint64_t instances = 0;
  std::uint64_t nodes = 0;
  bool timed = true;
  std::string model;
  std::string kv_dtype;
  std::string accelerator;
  std::uint64_t accelerators_per_instance = 1;
  std::uint64_t block_tokens = 0;
  std::uint64_t block_bytes = 0;
  std::uint64_t kv_bytes_per_token = 0;
  std::string workload;
  std::string router;
  bool layerwise = false;

  std::uint64_t requests = 0;
  std::uint64_t completed = 0;
  std::uint64_t rejected = 0;
  double prefix_block_weighted = 0;
  double prefix_request_mean = 0;
  double block_hit_ratio = 0;
  std::uint64_t block_accesses = 0;
  std::uint64_t prefix_hit_blocks = 0;
  std::uint64_t block_hits = 0;
  std::uint64_t input_tokens = 0;
  std::uint64_t output_tokens = 0;
  std::uint64_t recomputed_tokens = 0;
  std::vector<std::uint64_t> served_tokens;  // per tier, in tier order
  std::optional<BeladySummary> belady;       // absent when not worked out (--no-bound)

  std::optional<LatencySummary> ttft;  // absent with timing off
  // TTFT at every whole percentile, 0 to 100, for report.html's CDF (not in summary.json).
  std::vector<std::uint64_t> ttft_percentiles_ns;
  double admission_wait_mean_ns = 0;
  double load_mean_ns = 0;
  double compute_wait_mean_ns = 0;
  double prefill_mean_ns = 0;
  std::optional<PrefetchSummary> prefetch;  // absent when prefetch is off
  std::optional<BackingSummary> backing;    // absent without --backing real

  std::vector<TierSummary> tiers;
  std::vector<LinkSummary> links;
  double energy_j = 0;
  double cost_usd = 0;

  SimTimeNs sim_duration_ns = 0;
  // The run section: the only part that may differ between identical runs.
  double wall_s = 0;
  std::uint64_t events = 0;
  double events_per_s = 0;
  double sim_speedup = 0;  // simulated time / wall time
};

Summary make_summary(const SystemSpec& spec, const Hierarchy& hierarchy, const RunStats& stats,
                     const std::string& workload, double wall_s);

// summary.json text (two-space indented, ends with a newline).
std::string render_summary_json(const Summary& s);
// The readable table for a terminal; wall-clock figures only on its last line.
std::string render_summary_table(const Summary& s, const std::string& results_dir);

}  // namespace kvtier
