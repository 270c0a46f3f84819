// The tier and policy model of a system, driven by another simulator's clock (design.md,
// Embedding): no event loop, no workload. The caller says when a request uses which
// blocks; the model finds them top-down, loads the reusable prefix's lower-tier hits up,
// computes the rest into the first tier, evicts and demotes by the system's policies,
// times every transfer on its ports and links (when the system's timing is on), and
// counts per tier what `kvtier run` counts.
//
// A use is exactly what `kvtier run` with timing off does with one request's blocks: each
// block in order is one access, nothing is pinned, and the blocks computed are taken to
// be in the first tier at once (the caller's simulator owns compute), unless the caller
// inserts them itself when its prefill ends. With timing on, loads are one transfer per
// source tier, and demotions one per block, reserved at the call's time. transfer() times
// the caller's own bytes on the same ports and links.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "kvtier/error.h"
#include "kvtier/sim_time.h"

namespace kvtier {

struct TierModelOptions {
  // A system file, or the name of a built-in system ("default", "h100-tp4-4tier", ...);
  // empty: "default". Ignored when config_text is set.
  std::string config;
  std::string config_text;                // a whole system in TOML, instead of a file
  std::vector<std::string> overrides;     // "path=value", as `kvtier run --set` takes them
};

// What one use found.
struct RequestUse {
  std::vector<int> found_level;          // per block: the level it was found at; -1: nowhere
  std::uint64_t prefix_hit_blocks = 0;   // leading blocks found somewhere: reused, not computed
  // When every block of that prefix is in the first tier: the use's time, or later when
  // some are loaded up or still landing from an earlier use.
  SimTimeNs prefix_ready_ns = 0;
};

// A tier's counts so far, summed over its copies (summary.json's tiers[] fields).
struct TierCounters {
  std::uint64_t hit_blocks = 0;       // accesses that found the block first at this tier
  std::uint64_t inserted_blocks = 0;  // written in: computed, loaded up or demoted down
  std::uint64_t evicted_blocks = 0;
  std::uint64_t demoted_blocks = 0;   // evicted and kept by the tier below
  std::uint64_t dropped_blocks = 0;   // evicted and kept nowhere below
  std::uint64_t refused_blocks = 0;   // refused by this tier's admission policy
  std::uint64_t promoted_blocks = 0;  // loaded up from this tier to the first
  std::uint64_t read_bytes = 0;
  std::uint64_t written_bytes = 0;
  std::uint64_t used_blocks = 0;      // held now
  // Timed transfers out of (reads) and into (writes) the tier, and their latency: from when
  // the data could leave to when its last byte landed, queueing included (0 without any).
  std::uint64_t read_transfers = 0;
  std::uint64_t write_transfers = 0;
  double read_latency_mean_ns = 0;
  double write_latency_mean_ns = 0;
  std::uint64_t read_latency_p99_ns = 0;
  std::uint64_t write_latency_p99_ns = 0;
};

class TierModel {
 public:
  // Contract: throws Error with the CLI's exit code and message on a bad system (exit
  // 78), and on a policy that needs the trace's future (belady), which a model driven
  // one use at a time does not have.
  explicit TierModel(const TierModelOptions& options);
  ~TierModel();
  TierModel(TierModel&&) noexcept;
  TierModel& operator=(TierModel&&) noexcept;

  std::size_t levels() const;
  std::size_t instances() const;
  const std::string& tier_name(std::size_t level) const;  // Contract: level < levels()
  std::uint64_t block_bytes() const;
  std::uint64_t block_tokens() const;
  bool timed() const;

  // The first level that holds `block` for `instance`, or -1. Touches nothing.
  // Contract: throws Error(kUsage) when instance >= instances().
  int find(std::size_t instance, std::uint64_t block) const;
  // One request's blocks, used in order by `instance` at `now_ns`. With `computed_now`
  // false, the blocks it recomputes are not put in the first tier now: the caller puts
  // them there with insert() when its prefill has made them.
  // Contract: throws Error(kUsage) when instance >= instances(), when now_ns is earlier
  // than the previous call's (the model's clock never goes back), or past 2^62 ns.
  RequestUse use(std::size_t instance, std::span<const std::uint64_t> blocks, SimTimeNs now_ns,
                 bool computed_now = true);
  // Blocks that `instance` made by `now_ns` (a prefill's output), put in the first tier in
  // order, evicting and demoting to make room; a block already there is left as it is.
  // Returns how many were put there. Contract: as use().
  std::uint64_t insert(std::size_t instance, std::span<const std::uint64_t> blocks, SimTimeNs now_ns);
  // Bytes that are none of the model's blocks (a layer's KV streamed to another engine,
  // weights, activations: the caller's own traffic) moved by `instance` from tier
  // `from_level` to tier `to_level` at `now_ns`: reserved on every port and link between
  // them, in contention with the model's loads and demotions, and counted in both tiers'
  // bytes. Returns when the last byte lands (`now_ns` when timing is off).
  // Contract: throws Error(kUsage) when the instance or a level is out of range, the
  // levels are the same, bytes exceed 1 PiB or would take past the clock's end, `to_level`
  // models its NAND (what is written there is blocks its FTL places: insert those), or
  // the clock goes back, as use().
  SimTimeNs transfer(std::size_t instance, std::size_t from_level, std::size_t to_level, std::uint64_t bytes,
                     SimTimeNs now_ns);
  // Contract: throws Error(kUsage) when level >= levels().
  TierCounters counters(std::size_t level) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kvtier
