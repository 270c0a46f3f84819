// Timing modelled: the discrete-event run of a serving system.
//
// A request arrives and is routed to an instance, where it waits (FIFO) until the
// instance's first tier can hold all its blocks plus room for its decode output, and
// fewer than max_running requests run. Admission looks up every block, top-down:
//  - the reusable prefix is the leading run of blocks found in some tier and usable: a
//    first-tier block still being computed by another request ends it (it is recomputed);
//    one still being loaded by another request is waited for;
//  - prefix blocks found below the first tier are pinned there and loaded up, one
//    transfer per source tier, over every link between;
//  - the other blocks get first-tier slots (evicting and demoting as needed) and are
//    recomputed by the prefill.
// Every block found is an access (the policies hear of it) and is pinned until its
// request no longer needs it: in the first tier until decode ends, below until loaded.
// When its loads have landed the request joins the instance's prefill queue (FIFO, one
// prefill at a time); TTFT ends when its prefill does. Decode then runs for
// (output_tokens - 1) steps of the running batch's step time, fixed when it starts, and
// does not hold up prefills (a simplification of chunked scheduling).
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "core/engine/event_queue.h"
#include "core/sim/next_use_oracle.h"
#include "core/sim/router.h"
#include "core/sim/run_control.h"
#include "core/sim/run_stats.h"
#include "tiers/hierarchy.h"
#include "workloads/compute_model.h"
#include "workloads/i_trace_reader.h"

namespace kvtier {

class TimedDriver {
 public:
  // `oracle` gives each access its next use when a policy needs it; may be null otherwise.
  TimedDriver(Hierarchy& hierarchy, const ComputeModel& compute, ITraceReader& reader, IRouter& router,
              std::size_t instances, std::uint64_t block_tokens, RunStats& stats, const RunControl& control,
              const NextUseOracle* oracle = nullptr);
  void run();

 private:
  enum class Kind : std::uint32_t { kArrival = 0, kLoadsDone = 1, kPrefillDone = 2, kDecodeDone = 3 };

  struct Active {
    Request request;
    std::size_t instance = 0;
    SimTimeNs admitted_ns = 0;
    SimTimeNs loads_done_ns = 0;
    SimTimeNs prefill_start_ns = 0;
    std::uint64_t cached_tokens = 0;
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
  };
  struct InstanceState {
    std::deque<std::uint32_t> waiting;  // arrived, not yet admitted
    std::deque<std::uint32_t> ready;    // loads done, waiting for the prefill engine
    bool prefilling = false;
    std::uint64_t running = 0;
    std::uint64_t decode_kv_bytes = 0;
  };

  void schedule(SimTimeNs t, Kind kind, std::uint32_t handle);
  bool read_next();
  void on_arrival(std::uint32_t handle);
  void try_admit(std::size_t instance);
  bool admit(std::uint32_t handle);
  void on_loads_done(std::uint32_t handle);
  void start_prefill(std::size_t instance);
  void on_prefill_done(std::uint32_t handle);
  void on_decode_done(std::uint32_t handle);
  BlockAccess block_access(const Active& a, std::size_t j) const;
  std::uint32_t allocate();
  void release(std::uint32_t handle);

  Hierarchy& hierarchy_;
  const ComputeModel& compute_;
  ITraceReader& reader_;
  IRouter& router_;
  std::uint64_t block_tokens_;
  RunStats& stats_;
  const RunControl& control_;
  const NextUseOracle* oracle_;
  EventQueue queue_;
  SimTimeNs now_ = 0;
  std::vector<Active> active_;
  std::vector<std::uint32_t> free_handles_;
  std::vector<InstanceState> instances_;
  std::vector<std::vector<std::size_t>> loads_by_level_;  // scratch: block positions per source level
  std::vector<std::uint8_t> role_;                        // scratch: what admission does with each block
  bool rejected_warned_ = false;
};

}  // namespace kvtier
