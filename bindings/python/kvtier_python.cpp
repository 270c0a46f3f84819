// The Python module `kvtier` (pybind11) over the public API: TierModel, driven by the
// caller's clock; run(), a whole run summarised as summary.json's dictionary; and mrc(),
// the workload's LRU miss-ratio curve as mrc.json's dictionary. Errors
// are kvtier.Error (a RuntimeError) carrying the CLI's exit code as `exit_code`.
#include <pybind11/functional.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "kvtier/mrc.h"
#include "kvtier/run.h"
#include "kvtier/tier_model.h"

namespace py = pybind11;

namespace {
py::dict counters_dict(const kvtier::TierCounters& c) {
  py::dict d;
  d["hit_blocks"] = c.hit_blocks;
  d["inserted_blocks"] = c.inserted_blocks;
  d["evicted_blocks"] = c.evicted_blocks;
  d["demoted_blocks"] = c.demoted_blocks;
  d["dropped_blocks"] = c.dropped_blocks;
  d["refused_blocks"] = c.refused_blocks;
  d["promoted_blocks"] = c.promoted_blocks;
  d["read_bytes"] = c.read_bytes;
  d["written_bytes"] = c.written_bytes;
  d["used_blocks"] = c.used_blocks;
  d["read_transfers"] = c.read_transfers;
  d["write_transfers"] = c.write_transfers;
  // None without transfers, as summary.json's null.
  const auto latency = [](std::uint64_t n, auto v) { return n == 0 ? py::object(py::none()) : py::cast(v); };
  d["read_latency_mean_ns"] = latency(c.read_transfers, c.read_latency_mean_ns);
  d["write_latency_mean_ns"] = latency(c.write_transfers, c.write_latency_mean_ns);
  d["read_latency_p99_ns"] = latency(c.read_transfers, c.read_latency_p99_ns);
  d["write_latency_p99_ns"] = latency(c.write_transfers, c.write_latency_p99_ns);
  return d;
}

kvtier::TierModel open_model(std::string config, std::string config_text, std::vector<std::string> overrides) {
  kvtier::TierModelOptions options;
  options.config = std::move(config);
  options.config_text = std::move(config_text);
  options.overrides = std::move(overrides);
  return kvtier::TierModel(options);
}

py::object run(std::string config, std::string config_text, std::vector<std::string> overrides, std::string trace,
               bool belady_bound, const std::function<void(std::string)>& log) {
  kvtier::RunOptions options;
  options.config = std::move(config);
  options.config_text = std::move(config_text);
  options.overrides = std::move(overrides);
  options.trace = std::move(trace);
  options.belady_bound = belady_bound;
  if (log) {
    options.log = [&log](std::string_view line) {
      const py::gil_scoped_acquire gil;
      log(std::string(line));
    };
  }
  std::string text;
  {
    // A run takes seconds to hours: other Python threads go on meanwhile.
    const py::gil_scoped_release released;
    text = kvtier::run_summary_json(options);
  }
  return py::module_::import("json").attr("loads")(text);
}
py::object mrc(kvtier::MrcOptions options) {
  std::string text;
  {
    const py::gil_scoped_release released;
    text = kvtier::mrc_json(options);
  }
  return py::module_::import("json").attr("loads")(text);
}
}  // namespace

PYBIND11_MODULE(kvtier, m) {
  m.doc() = "kvtier: KV-cache memory and storage tiers, simulated (see the README's Embedding section)";
  static const py::exception<kvtier::Error> error(m, "Error", PyExc_RuntimeError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const kvtier::Error& e) {
      // Made as an instance (not raised by message) so that it can carry the exit code.
      const py::object& type = error;
      py::object instance = type(e.what());
      instance.attr("exit_code") = static_cast<int>(e.code());
      PyErr_SetObject(error.ptr(), instance.ptr());
    }
  });

  py::class_<kvtier::RequestUse>(m, "Use", "What one use found")
      .def_readonly("found_level", &kvtier::RequestUse::found_level, "per block: the tier it was found in, -1: nowhere")
      .def_readonly("prefix_hit_blocks", &kvtier::RequestUse::prefix_hit_blocks,
                    "leading blocks found somewhere: reused, not computed")
      .def_readonly("prefix_ready_ns", &kvtier::RequestUse::prefix_ready_ns,
                    "when every block of that prefix is in the first tier");

  py::class_<kvtier::TierModel>(m, "TierModel", "A system's tiers and policies, driven by the caller's clock")
      .def(py::init(&open_model), py::arg("config") = "", py::arg("config_text") = "",
           py::arg("overrides") = std::vector<std::string>{},
           "config: a system file or built-in name (default: 'default'); config_text: TOML instead; "
           "overrides: 'path=value' strings as --set takes them")
      .def_property_readonly("levels", &kvtier::TierModel::levels)
      .def_property_readonly("instances", &kvtier::TierModel::instances)
      .def_property_readonly("block_bytes", &kvtier::TierModel::block_bytes)
      .def_property_readonly("block_tokens", &kvtier::TierModel::block_tokens)
      .def_property_readonly("timed", &kvtier::TierModel::timed)
      .def_property_readonly("tier_names",
                             [](const kvtier::TierModel& model) {
                               std::vector<std::string> names;
                               for (std::size_t l = 0; l < model.levels(); ++l) names.push_back(model.tier_name(l));
                               return names;
                             })
      .def("find", &kvtier::TierModel::find, py::arg("instance"), py::arg("block"),
           "the first tier that holds the block for the instance, or -1; touches nothing")
      .def(
          "use",
          [](kvtier::TierModel& model, std::size_t instance, const std::vector<std::uint64_t>& blocks,
             kvtier::SimTimeNs now_ns, bool computed_now) { return model.use(instance, blocks, now_ns, computed_now); },
          py::arg("instance"), py::arg("blocks"), py::arg("now_ns"), py::arg("computed_now") = true,
          "one request's blocks, used in order at now_ns (never earlier than the previous call); with "
          "computed_now=False what it recomputes waits for insert()")
      .def(
          "insert",
          [](kvtier::TierModel& model, std::size_t instance, const std::vector<std::uint64_t>& blocks,
             kvtier::SimTimeNs now_ns) { return model.insert(instance, blocks, now_ns); },
          py::arg("instance"), py::arg("blocks"), py::arg("now_ns"),
          "blocks a prefill made by now_ns, put in the first tier; returns how many were put there")
      .def("transfer", &kvtier::TierModel::transfer, py::arg("instance"), py::arg("from_level"), py::arg("to_level"),
           py::arg("bytes"), py::arg("now_ns"),
           "the caller's own bytes moved between two tiers at now_ns, timed on the ports and links between "
           "in contention with the model's moves; returns when the last byte lands")
      .def(
          "counters", [](const kvtier::TierModel& model, std::size_t level) { return counters_dict(model.counters(level)); },
          py::arg("level"), "a tier's counts so far, as summary.json's tiers[] fields");

  m.def("run", &run, py::arg("config") = "", py::arg("config_text") = "",
        py::arg("overrides") = std::vector<std::string>{}, py::arg("trace") = "", py::arg("belady_bound") = true,
        py::arg("log") = std::function<void(std::string)>{},
        "runs a system over its workload (or a trace) as `kvtier run` does; returns summary.json as a dict");
  m.def(
      "mrc",
      [](std::string config, std::string config_text, std::vector<std::string> overrides, std::string trace,
         double sample_rate, std::string capacities, std::uint64_t points, std::optional<double> target) {
        return mrc(kvtier::MrcOptions{std::move(config), std::move(config_text), std::move(overrides), std::move(trace),
                                      sample_rate, std::move(capacities), points, target});
      },
      py::arg("config") = "", py::arg("config_text") = "", py::arg("overrides") = std::vector<std::string>{},
      py::arg("trace") = "", py::arg("sample_rate") = 1.0, py::arg("capacities") = "", py::arg("points") = 10,
      py::arg("target") = std::nullopt,
      "the workload's LRU miss-ratio curve, as `kvtier mrc` makes it; returns mrc.json as a dict");
}
