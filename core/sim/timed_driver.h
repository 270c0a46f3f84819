// Timing modelled: the discrete-event run of a serving system.
//
// A request arrives and is routed to an instance. With a prefetch policy, its prefix
// blocks found below the prefetch tier are first copied up into that tier (SGLang
// HiCache's L3 -> L2 prefetch); it joins the instance's queue at once (best_effort, the
// prefetch ends when it is admitted), when the copy is done (wait_complete), or at the
// latest after the timeout. A prefetch cut short drops the blocks still in flight.
// In the queue (FIFO) it waits until the instance's first tier can hold all its blocks
// plus room for its decode output, and fewer than max_running requests run. Admission
// looks up every block, top-down:
//  - the reusable prefix is the leading run of blocks found in some tier and usable: a
//    first-tier block still being computed by another request ends it (it is recomputed);
//    one still being loaded (or written down, or prefetched) is waited for;
//  - prefix blocks found below the first tier are pinned there and loaded up, one
//    transfer per source tier, over every link between;
//  - the other blocks get first-tier slots (evicting and demoting as needed) and are
//    recomputed by the prefill.
// Every block found is an access (the policies hear of it) and is pinned until its
// request no longer needs it: in the first tier until decode ends, below until loaded.
// When its loads have landed the request joins the instance's prefill queue (FIFO, one
// prefill at a time); layer-wise, it joins when the first of the model's layers has
// landed, and its prefill ends no earlier than the last layer's load plus one layer of
// prefill (the loads split evenly over the layers). TTFT ends when its prefill does.
// Decode then runs for (output_tokens - 1) steps of the running batch's step time, fixed
// when it starts, and does not hold up prefills (a simplification of chunked scheduling).
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "core/engine/event_queue.h"
#include "core/sim/next_use_oracle.h"
#include "core/sim/routing/i_router.h"
#include "core/sim/run_control.h"
#include "core/sim/run_stats.h"
#include "core/sim/scheduler_spec.h"
#include "tiers/hierarchy.h"
#include "workloads/compute_model.h"
#include "workloads/i_trace_reader.h"

namespace kvtier {

class TimedDriver final : private IRoutingView {
 public:
  // `oracle` gives each access its next use when a policy needs it; may be null otherwise.
  TimedDriver(Hierarchy& hierarchy, const ComputeModel& compute, ITraceReader& reader, IRouter& router,
              std::size_t instances, std::uint64_t block_tokens, RunStats& stats, const RunControl& control,
              const NextUseOracle* oracle = nullptr, const SchedulerSpec& scheduler = {});
  void run();

 private:
  enum class Kind : std::uint32_t {
    kArrival,
    kPrefetchDone,  // wait_complete or timeout: the request may queue now
    kLoadsDone,
    kFirstLayer,  // layer-wise: the first layer has loaded
    kPrefillDone,
    kDecodeDone,
  };

  struct Active {
    Request request;
    std::size_t instance = 0;
    SimTimeNs admitted_ns = 0;
    SimTimeNs loads_done_ns = 0;
    SimTimeNs ready_ns = 0;  // joined the prefill queue
    SimTimeNs prefill_start_ns = 0;
    bool layered = false;      // joined the prefill queue before its loads were done
    bool prefetching = false;  // best_effort: the prefetch runs until admission
    std::uint64_t cached_tokens = 0;
    std::uint64_t prefix_hits = 0;
    std::array<std::uint64_t, kMaxLevels> served_tokens{};  // per level, for the request log
    SimTimeNs first_token_ns = 0;
    std::uint64_t decode_blocks = 0;
    std::uint64_t kv_bytes = 0;  // held while decoding
    std::vector<Slot> top_slots;         // pinned first-tier slot of every block
    std::vector<std::size_t> computed;   // blocks (by position) made ready when the prefill ends
    struct Source {
      std::size_t level;
      Slot slot;
      std::size_t position;
    };
    std::vector<Source> sources;  // lower-tier blocks being loaded, pinned until they land
    struct Staged {
      std::size_t position;
      Slot slot;  // in the prefetch tier, pinned until admission
    };
    std::vector<Staged> staged;  // prefetched blocks
  };
  struct InstanceState {
    std::uint64_t prefetching = 0;      // arrived, held until their prefetch ends
    std::deque<std::uint32_t> waiting;  // arrived, not yet admitted
    std::deque<std::uint32_t> ready;    // loads done, waiting for the prefill engine
    bool prefilling = false;
    std::uint64_t running = 0;
    std::uint64_t decode_kv_bytes = 0;
  };

  void schedule(SimTimeNs t, Kind kind, std::uint32_t handle);
  bool read_next();
  void on_arrival(std::uint32_t handle);
  // Stages the request's prefix blocks found below the prefetch tier; false if too few.
  bool start_prefetch(std::uint32_t handle);
  // Drops the staged blocks still in flight; those landed stay pinned until admission.
  void cut_prefetch(Active& a);
  void on_prefetch_done(std::uint32_t handle);
  void enqueue(std::uint32_t handle);
  void try_admit(std::size_t instance);
  bool admit(std::uint32_t handle);
  void on_loads_done(std::uint32_t handle);
  void make_ready(std::uint32_t handle);
  void start_prefill(std::size_t instance);
  void on_prefill_done(std::uint32_t handle);
  void on_decode_done(std::uint32_t handle);
  BlockAccess block_access(const Active& a, std::size_t j) const;
  std::uint32_t allocate();
  void release(std::uint32_t handle);
  // Tells the request log (if any) what became of the request.
  void log_done(const Active& a, bool rejected) const;
  std::uint64_t load(std::size_t instance) const override;
  std::uint64_t cached_prefix_blocks(std::size_t instance, const Request& request) const override;

  Hierarchy& hierarchy_;
  const ComputeModel& compute_;
  ITraceReader& reader_;
  IRouter& router_;
  std::uint64_t block_tokens_;
  RunStats& stats_;
  const RunControl& control_;
  const NextUseOracle* oracle_;
  SchedulerSpec scheduler_;
  EventQueue queue_;
  SimTimeNs now_ = 0;
  std::vector<Active> active_;
  std::vector<std::uint32_t> free_handles_;
  std::vector<InstanceState> instances_;
  std::vector<std::vector<std::size_t>> loads_by_level_;  // scratch: block positions per source level
  std::vector<std::uint8_t> role_;                        // scratch: what admission does with each block
  std::vector<Slot> staged_slot_;                         // scratch: by position, the slot prefetched into
  std::vector<std::vector<BlockAccess>> stage_by_level_;  // scratch: blocks to prefetch per source level
  std::vector<std::vector<std::size_t>> stage_positions_;
  std::vector<Slot> stage_slots_;
  bool rejected_warned_ = false;
};

}  // namespace kvtier
