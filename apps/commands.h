// The kvtier subcommands. Each returns the process exit code; errors that reach the user
// are thrown as kvtier::Error and printed by main.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kvtier::cli {

struct RunArgs {
  std::string config;
  std::string trace;
  std::vector<std::string> sets;
  std::string out;
  bool quiet = false;
  // Real backing (tiers/backing/backing_set.h).
  std::string backing = "none";    // none | real
  std::string backing_dir;         // default: <out>/backing
  std::string backing_scale = "1/64";
  std::string ack = "durable";     // accepted | written | durable
  std::string ram_cap = "4GiB";
  unsigned queue_depth = 32;
  bool buffered = false;           // no O_DIRECT
  std::string ack_log;
  std::string timing = "modelled";  // modelled | measured (needs --backing real)
  std::string resume;  // a killed real-backed run's results directory
  bool no_bound = false;  // skip the Belady bound and the LRU curve (more reads of the workload)
  bool requests_csv = false;  // write requests.csv, a row per request
  std::string timeseries;     // an interval: write timeseries.csv, a row per interval
};
int run_command(const RunArgs& args);

int explain_command(const std::string& thing);

struct CalibrateArgs {
  std::string path;  // file or block device
  std::string size = "1GiB";
  std::string block_sizes = "4KiB,128KiB,1MiB,16MiB";
  std::string queue_depths = "1,8,32";
  double seconds = 1;
  std::string out = "calibrated.toml";
  bool buffered = false;
  bool force = false;  // overwrite a block device
};
int calibrate_command(const CalibrateArgs& args);

struct VerifyArgs {
  std::string dir;     // a results directory, or its backing directory
  std::string expect;  // an ack log: every block it acknowledged (and did not remove) must be intact
};
int verify_command(const VerifyArgs& args);

struct GenerateArgs {
  std::string config;
  std::string trace;
  std::vector<std::string> sets;
  std::string out;
};
int generate_command(const GenerateArgs& args);

struct CompareArgs {
  std::string config;
  std::string trace;
  std::vector<std::string> sets;  // comma lists sweep
  std::string out;
  std::string sort = "hit";
  std::vector<std::string> require;  // e.g. ttft_p99<=200ms: the best point meeting them all is named
  std::size_t jobs = 0;  // 0: one per core
  bool no_bound = false;
  bool quiet = false;
  bool mpi = false;  // an MPI task farm: rank 0 hands the runs out and writes the results
};
int compare_command(const CompareArgs& args);

struct MrcArgs {
  std::string config;
  std::string trace;
  std::vector<std::string> sets;
  double sample_rate = 1.0;     // below 1: SHARDS sampling
  std::uint64_t points = 10;    // capacities spread evenly up to the footprint
  std::string capacities;       // or these (a comma list of sizes)
  std::optional<double> target;  // a prefix hit ratio: the least capacity reaching it
  std::string out;
  bool quiet = false;
};
int mrc_command(const MrcArgs& args);

struct DemandArgs {
  std::vector<std::string> results;  // run or compare results directories
  double gpus = 0;
  int years = 5;
  double growth = 0;
  std::string drive = "solidigm_d5_p5336_122tb";
  std::string kv_dtype;  // empty: each run's
  double compression = 1;
  std::string json;
};
int demand_command(const DemandArgs& args);

}  // namespace kvtier::cli
