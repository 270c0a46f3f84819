// kvtier: the command line.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <fmt/format.h>

#include "apps/commands.h"
#include "apps/cosim_server.h"
#include "apps/terminal.h"
#include "kvtier/error.h"
#include "kvtier/version.h"

namespace {
// The options every command that loads a system shares, so they read the same everywhere.
void add_system_options(CLI::App* command, std::string& config, std::vector<std::string>& sets,
                        const std::string& set_help = "Override one parameter: path=value (e.g. tiers.ddr.capacity=2TiB)") {
  command->add_option("--config,-c", config, "System file, or a built-in system name (default: 'default')");
  command->add_option("--set,-s", sets, set_help)->expected(1)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

void add_trace_option(CLI::App* command, std::string& trace,
                      const std::string& help = "A trace to replay instead of the configured workload: Mooncake JSONL, "
                                                "or an Azure CSV (by its .csv name)") {
  command->add_option("--trace,-t", trace, help);
}
}  // namespace

int main(int argc, char** argv) {
  using namespace kvtier;
  CLI::App app{"kvtier: a discrete-event simulator of the memory and storage tiers that hold LLM KV caches.",
               "kvtier"};
  app.require_subcommand(1);
  app.set_version_flag("--version", kVersion);

  cli::RunArgs run_args;
  CLI::App* run = app.add_subcommand("run", "Replay a workload on a system and report hit ratios, TTFT and tier traffic");
  add_system_options(run, run_args.config, run_args.sets);
  add_trace_option(run, run_args.trace);
  run->add_flag("--no-bound", run_args.no_bound, "Skip the Belady bound and the LRU curve in report.html (two more reads of the workload)");
  run->add_flag("--requests-csv", run_args.requests_csv, "Also write requests.csv: a row per request, with its hits and TTFT parts");
  run->add_option("--timeseries", run_args.timeseries, "Also write timeseries.csv: a row per INTERVAL of simulated time (e.g. 1s)");
  run->add_option("--out,-o", run_args.out, "Results directory (default: a new results/<time>-<name>/)");
  run->add_flag("--quiet,-q", run_args.quiet, "Print nothing but errors");
  run->add_option("--backing", run_args.backing, "none: simulation only (default); real: every tier holds real bytes")
      ->check(CLI::IsMember({"none", "real"}));
  run->add_option("--backing-dir", run_args.backing_dir, "Flash tier files and the block directory (default: <out>/backing)");
  run->add_option("--backing-scale", run_args.backing_scale, "Share of each block's bytes really stored, e.g. 1/64 (default)");
  run->add_option("--ack", run_args.ack, "When a flash tier's block counts as stored: accepted, written (survives kill -9) "
                                         "or durable (survives power loss; default)")
      ->check(CLI::IsMember({"accepted", "written", "durable"}));
  run->add_option("--backing-ram-cap", run_args.ram_cap, "RAM the memory tiers' bytes may take together (default 4GiB)");
  run->add_option("--queue-depth", run_args.queue_depth, "io_uring I/Os in flight per flash tier copy (default 32)")
      ->check(CLI::Range(1U, 4096U));
  run->add_flag("--buffered", run_args.buffered, "Flash tier files without O_DIRECT");
  run->add_option("--timing", run_args.timing, "modelled (default), or measured: flash tiers' ports are held for their real "
                                               "I/O times (needs --backing real)")
      ->check(CLI::IsMember({"modelled", "measured"}));
  run->add_option("--resume", run_args.resume,
                  "A killed real-backed run's results directory: rerun its configuration there, its intact flash "
                  "blocks already in their tiers");
  run->add_option("--ack-log", run_args.ack_log, "Append a line per acknowledged and per removed block (crash tests)");

  std::string thing;
  CLI::App* explain = app.add_subcommand("explain", "Show the parameters of a component, or the values of a preset");
  explain->add_option("thing", thing, "A component (tier, link, model, instance, system, workload) or a preset name");

  cli::VerifyArgs verify_args;
  CLI::App* verify = app.add_subcommand(
      "verify", "Check every block a real-backed run's directory lists against its stores (intact, missing, corrupt)");
  verify->add_option("dir", verify_args.dir, "The run's results directory, or its backing directory")->required();
  verify->add_option("--expect", verify_args.expect, "An ack log: every block it acknowledged and did not remove must be intact");

  cli::CalibrateArgs cal_args;
  CLI::App* calibrate = app.add_subcommand(
      "calibrate", "Measure a file or device with io_uring (fio-like table) and write a flash tier preset from it");
  calibrate->add_option("--path", cal_args.path, "File (created if missing) or block device to measure")->required();
  calibrate->add_option("--size", cal_args.size, "Bytes of it to use, from the start (default 1GiB); all written first");
  calibrate->add_option("--block-sizes", cal_args.block_sizes, "Comma list (default 4KiB,128KiB,1MiB,16MiB)");
  calibrate->add_option("--queue-depths", cal_args.queue_depths, "Comma list (default 1,8,32)");
  calibrate->add_option("--seconds", cal_args.seconds, "Time per point (default 1)");
  calibrate->add_option("--out,-o", cal_args.out, "The preset to write (default calibrated.toml)");
  calibrate->add_flag("--buffered", cal_args.buffered, "Without O_DIRECT");
  calibrate->add_flag("--force", cal_args.force, "Allow overwriting a block device");

  cli::GenerateArgs gen_args;
  CLI::App* generate = app.add_subcommand("generate", "Write the configured workload (synthetic, or a trace with modelled block ids) as a Mooncake JSONL trace");
  add_system_options(generate, gen_args.config, gen_args.sets);
  add_trace_option(generate, gen_args.trace,
                   "A trace to convert instead of the configured workload (an Azure CSV gets its modelled block ids)");
  generate->add_option("--out,-o", gen_args.out, "The trace file to write")->required();

  cli::CompareArgs cmp_args;
  CLI::App* compare = app.add_subcommand(
      "compare", "Run one workload under several settings (comma lists in --set) and compare them side by side");
  add_system_options(compare, cmp_args.config, cmp_args.sets,
                     "path=v1,v2,...: every combination of the values runs (e.g. tiers.qlc.eviction=lru,s3fifo)");
  add_trace_option(compare, cmp_args.trace);
  compare->add_option("--jobs,-j", cmp_args.jobs, "Runs at once (default, or 0: one per core)")->check(CLI::Range(0, 4096));
  compare->add_option("--sort", cmp_args.sort, "Row order: hit (default), ttft, written, cost (the tiers' price), none");
  compare->add_option("--require", cmp_args.require,
                      "METRIC<=LIMIT or >=: name the best point meeting every one (with --sort cost, the cheapest), e.g. "
                      "ttft_p99<=200ms, prefix_hit>=0.6, or a tier's transfer latency, qlc.write_p99<=1s")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  compare->add_flag("--no-bound", cmp_args.no_bound, "Skip the Belady bound runs");
  compare->add_flag("--mpi", cmp_args.mpi,
                    "Farm the runs out over MPI (start with mpirun or srun): rank 0 hands them out and writes the results");
  compare->add_option("--out,-o", cmp_args.out, "Results directory (default: a new results/<time>-compare-<name>/)");
  compare->add_flag("--quiet,-q", cmp_args.quiet, "Print nothing but errors");

  cli::MrcArgs mrc_args;
  CLI::App* mrc = app.add_subcommand(
      "mrc", "The workload's LRU miss-ratio curve: hit ratios at every capacity in one pass (stack distances)");
  add_system_options(mrc, mrc_args.config, mrc_args.sets);
  add_trace_option(mrc, mrc_args.trace);
  mrc->add_option("--sample-rate", mrc_args.sample_rate,
                  "Below 1: follow only this share of blocks (SHARDS), for huge traces; block hit ratios only (default 1)");
  mrc->add_option("--points", mrc_args.points, "Capacities reported, in equal ratios from a thousandth of the footprint to all of it (default 10)")
      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{100'000}));
  mrc->add_option("--capacities", mrc_args.capacities, "Report these capacities instead: a comma list (e.g. 2TiB,16TiB or '5000 blocks')");
  mrc->add_option("--target", mrc_args.target, "A prefix hit ratio (e.g. 0.6): print the least capacity that reaches it");
  mrc->add_option("--out,-o", mrc_args.out, "Results directory (default: a new results/<time>-mrc-<name>/)");
  mrc->add_flag("--quiet,-q", mrc_args.quiet, "Print nothing but errors");

  cli::DemandArgs dem_args;
  CLI::App* demand = app.add_subcommand(
      "demand", "The NAND a fleet consumes (drives for capacity, wear and bandwidth; PB a year; cost) from finished runs");
  demand->add_option("results", dem_args.results, "Results directories of runs, or of a compare (each point)")
      ->required();
  demand->add_option("--gpus", dem_args.gpus, "GPUs in the fleet in its first year")->required();
  demand->add_option("--years", dem_args.years, "Years planned (default 5)");
  demand->add_option("--growth", dem_args.growth, "Yearly fleet growth, as a share (0.5: +50% a year; default 0)");
  demand->add_option("--drive", dem_args.drive, "Drive preset with its NAND modelled (default solidigm_d5_p5336_122tb)");
  demand->add_option("--kv-dtype", dem_args.kv_dtype, "The fleet's KV precision, bf16 or fp8 (default: the run's)");
  demand->add_option("--compression", dem_args.compression, "KV compression ratio (default 1)");
  demand->add_option("--json", dem_args.json, "Also write the figures as JSON to this file");

  cli::ServeArgs serve_args;
  CLI::App* serve = app.add_subcommand(
      "serve", "Co-simulation server: another simulator drives the system's tiers over a socket, in JSON lines");
  add_system_options(serve, serve_args.config, serve_args.sets);
  serve->add_option("--listen,-l", serve_args.listen,
                    "tcp:HOST:PORT (IPv6 in brackets, tcp:[::1]:7070; port 0: any free one, printed) or unix:PATH (default tcp:127.0.0.1:7070)");
  serve->add_flag("--once", serve_args.once, "Stop when the first connection closes");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "kvtier: error: %s (kvtier --help)\n", e.what());
    return static_cast<int>(ExitCode::kUsage);
  }

  cli::setup_logging();
  // Options of real backing mean nothing without it: say so rather than ignore them.
  if (run->parsed() && run_args.backing == "none" && run_args.resume.empty()) {
    for (const char* option : {"--backing-dir", "--backing-scale", "--ack", "--backing-ram-cap", "--queue-depth",
                               "--buffered", "--ack-log"}) {
      if (run->count(option) > 0) {
        std::fprintf(stderr, "kvtier: error: %s: needs --backing real\n", option);
        return static_cast<int>(ExitCode::kUsage);
      }
    }
  }
  try {
    if (run->parsed()) return cli::run_command(run_args);
    if (explain->parsed()) return cli::explain_command(thing);
    if (verify->parsed()) return cli::verify_command(verify_args);
    if (calibrate->parsed()) return cli::calibrate_command(cal_args);
    if (generate->parsed()) return cli::generate_command(gen_args);
    if (compare->parsed()) return cli::compare_command(cmp_args);
    if (mrc->parsed()) return cli::mrc_command(mrc_args);
    if (demand->parsed()) return cli::demand_command(dem_args);
    if (serve->parsed()) return cli::serve_command(serve_args);
  } catch (const Error& e) {
    cli::clear_progress();
    std::fprintf(stderr, "kvtier: error: %s\n", e.what());
    return static_cast<int>(e.code());
  } catch (const std::exception& e) {
    cli::clear_progress();
    std::fprintf(stderr, "kvtier: internal error: %s\n", e.what());
    return static_cast<int>(ExitCode::kSoftware);
  }
  return static_cast<int>(ExitCode::kUsage);
}
