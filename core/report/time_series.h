// timeseries.csv: what a run did in each interval of simulated time, one row each, written
// as the run goes: requests admitted and completed, block accesses and prefix hits, the
// mean TTFT of the requests whose first token came in it, and per tier the bytes read
// and written, the blocks held at its end, and the transfers out of and into it with
// their mean latency (TierStats), per link the bytes each way. A transfer's bytes and
// latency count in the interval it was reserved in (when it was decided, not spread over
// its duration). Timing off, the intervals are of arrival time. Intervals are aligned to
// multiples of their length; the first row is the interval of the first arrival.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/int128.h"
#include "core/report/csv_file.h"
#include "core/sim/run_stats.h"
#include "tiers/hierarchy.h"

namespace kvtier {

class TimeSeries {
 public:
  // The most rows a run writes (75 MB for the built-in system): an interval far too short
  // for the run (1ns for 1s) would otherwise fill the disk.
  static constexpr std::uint64_t kMaxRows = 1'000'000;

  // Throws Error(kIoErr) if `path` cannot be created. Contract: `hierarchy` and `stats`
  // outlive it; interval_ns > 0.
  TimeSeries(const std::filesystem::path& path, const Hierarchy& hierarchy, const RunStats& stats,
             SimTimeNs interval_ns);

  // Simulated time has reached `now`: every interval that ended by then gets its row.
  // The first call is the first arrival: the intervals wholly before it, in which nothing
  // happened, are left out (a trace's clock may start anywhere: at an epoch, say).
  // Throws Error(kUsage) instead of writing row kMaxRows + 1.
  void advance(SimTimeNs now) {
    if (!started_) {
      started_ = true;
      if (now >= next_end_ns_) next_end_ns_ = now - now % interval_ns_ + interval_ns_;
    }
    while (now >= next_end_ns_) row(next_end_ns_);
  }
  // The run ended at `end_ns`: the interval it ended in gets its (partial) row, then the
  // file is closed. Throws Error(kIoErr) if any row failed to be written. After advance()
  // refused a row, it only closes the file, keeping the rows written.
  void finish(SimTimeNs end_ns);

 private:
  // The counters a row shows the growth of, as they stand.
  std::vector<std::uint64_t> counters() const;
  void row(SimTimeNs end_ns);

  const Hierarchy& hierarchy_;
  const RunStats& stats_;
  SimTimeNs interval_ns_;
  SimTimeNs next_end_ns_;
  std::vector<std::uint64_t> last_;
  UInt128 last_ttft_sum_ = 0;
  std::vector<UInt128> last_latency_sums_;  // per tier: its reads', then its writes
  CsvFile file_;
  std::string line_;
  std::uint64_t rows_ = 0;
  bool started_ = false;  // advance() has been called
  bool full_ = false;     // a row was refused
};

}  // namespace kvtier
