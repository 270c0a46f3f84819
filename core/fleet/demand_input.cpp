#include "core/fleet/demand_input.h"

#include <cmath>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/config/config_loader.h"
#include "core/sim/system_spec.h"
#include "kvtier/error.h"

namespace kvtier {

namespace {
namespace fs = std::filesystem;
using Json = nlohmann::json;

const Json& field(const Json& j, const char* key, const std::string& file, const std::string& where) {
  if (!j.is_object() || !j.contains(key)) {
    throw Error(ExitCode::kDataErr, fmt::format("{}: {}{}: missing", file, where, key));
  }
  return j.at(key);
}

// Every figure read here is a count of 64 bits (bytes, nanoseconds, instances); anything
// else was not written by kvtier, and could take the fleet's figures past a double's range.
constexpr double kMaxFigure = 18446744073709551616.0;  // 2^64

double count(const Json& j, const char* key, const std::string& file, const std::string& where) {
  const Json& v = field(j, key, file, where);
  const double x = v.is_number() ? v.get<double>() : -1;
  if (!(x >= 0 && x <= kMaxFigure && std::floor(x) == x)) {
    throw Error(ExitCode::kDataErr,
                fmt::format("{}: {}{}: '{}' is not a whole number from 0 to 2^64", file, where, key, v.dump()));
  }
  return x;
}

std::string text(const Json& j, const char* key, const std::string& file, const std::string& where) {
  const Json& v = field(j, key, file, where);
  if (!v.is_string()) throw Error(ExitCode::kDataErr, fmt::format("{}: {}{}: '{}' is not a string", file, where, key, v.dump()));
  return v.get<std::string>();
}

RunWrites from_summary(const fs::path& file, const std::string& label) {
  std::ifstream in(file);
  if (!in) throw Error(ExitCode::kNoInput, fmt::format("{}: cannot open", file.string()));
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) throw Error(ExitCode::kIoErr, fmt::format("{}: cannot read", file.string()));
  return parse_run_writes(content.str(), file.string(), label);
}
}  // namespace

RunWrites parse_run_writes(const std::string& summary_json, const std::string& f, const std::string& label) {
  Json s;
  try {
    s = Json::parse(summary_json);
  } catch (const Json::exception& e) {
    throw Error(ExitCode::kDataErr, fmt::format("{}: not JSON ({})", f, e.what()));
  }
  if (!field(s, "complete", f, "").is_boolean() || !s.at("complete").get<bool>()) {
    throw Error(ExitCode::kDataErr, fmt::format("{}: complete: the run did not finish; its rates would be wrong", f));
  }
  const Json& system = field(s, "system", f, "");
  const double gpus = count(system, "instances", f, "system.") * count(system, "accelerators_per_instance", f, "system.");
  const double duration_s = count(field(s, "run", f, ""), "sim_duration_ns", f, "run.") / 1e9;
  if (gpus < 1) throw Error(ExitCode::kDataErr, fmt::format("{}: system.instances: the run had no accelerator", f));
  if (duration_s <= 0) {
    throw Error(ExitCode::kDataErr, fmt::format("{}: run.sim_duration_ns: the run spans no simulated time", f));
  }
  RunWrites r;
  r.label = label;
  r.kv_dtype = text(system, "kv_dtype", f, "system.");
  if (r.kv_dtype != "bf16" && r.kv_dtype != "fp8") {
    throw Error(ExitCode::kDataErr, fmt::format("{}: system.kv_dtype: '{}' is not bf16 or fp8", f, r.kv_dtype));
  }
  double host = 0;
  double nand = 0;
  double capacity = 0;
  double read = 0;
  const Json& tiers = field(s, "tiers", f, "");
  if (!tiers.is_array()) throw Error(ExitCode::kDataErr, fmt::format("{}: tiers: not a list of tiers", f));
  for (std::size_t i = 0; i < tiers.size(); ++i) {
    const Json& t = tiers[i];
    const std::string where = fmt::format("tiers[{}].", i);
    if (text(t, "medium", f, where) != "flash") continue;
    const std::string name = text(t, "name", f, where);
    capacity += count(t, "capacity_bytes", f, where);
    read += count(t, "read_bytes", f, where);
    std::string placement = "bandwidth model";
    if (t.contains("flash")) {
      const Json& fl = t.at("flash");
      host += count(fl, "host_written_bytes", f, where + "flash.");
      nand += count(fl, "nand_written_bytes", f, where + "flash.");
      placement = "placement " + text(fl, "placement", f, where + "flash.");
      r.waf_modelled = true;
    } else {
      host += count(t, "written_bytes", f, where);
      nand += count(t, "written_bytes", f, where);
    }
    r.label += fmt::format(" {}({}, {}, {})", name, text(t, "eviction", f, where), text(t, "admission", f, where),
                           placement);
  }
  if (capacity == 0) throw Error(ExitCode::kDataErr, fmt::format("{}: tiers: no flash tier", f));
  r.host_bytes_per_gpu_day = host / duration_s * 86400.0 / gpus;
  r.waf = host > 0 ? nand / host : 1.0;
  r.capacity_bytes_per_gpu = capacity / gpus;
  r.read_bytes_per_gpu_s = read / duration_s / gpus;
  return r;
}

std::vector<RunWrites> read_run_writes(const std::string& dir) {
  const fs::path root(dir);
  if (fs::is_regular_file(root / "summary.json")) return {from_summary(root / "summary.json", root.filename().string())};
  std::vector<fs::path> points;
  std::error_code ec;
  if (fs::is_directory(root / "points", ec)) {
    for (const fs::directory_entry& e : fs::directory_iterator(root / "points", ec)) {
      if (fs::is_regular_file(e.path() / "summary.json")) points.push_back(e.path());
    }
  }
  if (points.empty()) {
    throw Error(ExitCode::kNoInput, fmt::format("{}: holds no summary.json (a run's results) nor points/*/summary.json "
                                                "(a compare's)", dir));
  }
  std::sort(points.begin(), points.end());
  std::vector<RunWrites> out;
  for (const fs::path& p : points) out.push_back(from_summary(p / "summary.json", "point " + p.filename().string()));
  return out;
}

DriveSpec drive_preset(const std::string& name) {
  // The preset is resolved as the one tier of a minimal system, so it is checked as any
  // tier is, and errors name it the same way.
  const std::string system = fmt::format(R"([system]
name = "drive"
tiers = ["drive"]
timing = "off"
[model]
preset = "llama-3.1-8b"
[instance]
preset = "h100_sxm"
[tiers.drive]
preset = "{}"
[workload]
preset = "chat"
)", name);
  const SystemSpec spec = build_system_spec(load_config_text(system, "--drive"));
  const TierSpec& t = spec.tiers.front();
  if (!t.nand_model) {
    throw Error(ExitCode::kConfig, fmt::format("--drive {}: not a drive with its NAND modelled (flash_model = \"nand\"); "
                                               "`kvtier explain tier` lists the presets", name));
  }
  if (t.capacity.in_blocks) throw Error(ExitCode::kConfig, fmt::format("--drive {}: capacity must be in bytes", name));
  DriveSpec d;
  d.name = name;
  d.user_bytes = static_cast<double>(t.capacity.value) * static_cast<double>(t.count);
  d.raw_bytes = d.user_bytes * (1.0 + t.nand.over_provisioning);
  d.read_bytes_per_s = static_cast<double>(t.read_bytes_per_s) * static_cast<double>(t.count) * t.efficiency;
  d.rated_dwpd = t.nand.rated_dwpd;
  d.pe_cycles = static_cast<double>(t.nand.pe_cycles);
  d.usd_per_gb = t.cost_usd_per_gb;
  if (d.rated_dwpd <= 0) throw Error(ExitCode::kConfig, fmt::format("--drive {}: rated_dwpd must be above 0", name));
  return d;
}

}  // namespace kvtier
