#include <doctest/doctest.h>

#include <set>
#include <string>
#include <string_view>

#include "core/config/config_loader.h"
#include "core/config/embedded_files.h"
#include "core/config/schema.h"
#include "core/sim/system_spec.h"
#include "kvtier/error.h"

using namespace kvtier;

namespace {
const char* kSmall = R"([system]
tiers = ["hbm", "ddr"]

[model]
preset = "llama-3.1-8b"

[instance]
preset = "h100_sxm"

[tiers.hbm]
preset = "hbm3_h100"
capacity = "40GB"

[tiers.ddr]
preset = "ddr5_host"
scope = "node"
links = ["pcie"]

[links.pcie]
preset = "pcie_gen5_x16"

[workload]
kind = "synthetic"
duration = "1min"
)";

// The message and exit code of a configuration that must fail.
std::pair<std::string, ExitCode> failure(const std::string& text, std::vector<Override> sets = {}) {
  try {
    const ResolvedConfig c = load_config_text(text, "sys.toml", sets);
    build_system_spec(c);
  } catch (const Error& e) {
    return {e.what(), e.code()};
  }
  return {"no error", ExitCode::kOk};
}

std::string with(const std::string& text, const std::string& from, const std::string& to) {
  std::string out = text;
  const auto at = out.find(from);
  REQUIRE(at != std::string::npos);
  out.replace(at, from.size(), to);
  return out;
}
}  // namespace

TEST_SUITE("config") {
  TEST_CASE("no schema names a key twice") {
    // A key listed twice would be found once and checked against the other's conditions.
    for (const ComponentSchema* schema : all_schemas()) {
      std::set<std::string_view> seen;
      for (const ParamSpec& p : schema->params) {
        CAPTURE(schema->kind);
        CAPTURE(p.name);
        CHECK(seen.insert(p.name).second);
      }
    }
  }

  TEST_CASE("a small system resolves, presets filling what the file leaves out") {
    const ResolvedConfig c = load_config_text(kSmall, "sys.toml");
    const SystemSpec s = build_system_spec(c);
    CHECK(s.tiers.size() == 2);
    CHECK(s.tiers[0].capacity.value == 40'000'000'000ULL);    // the file wins over the preset
    CHECK(s.tiers[0].read_bytes_per_s == 3'350'000'000'000ULL);  // from the preset
    CHECK(s.tiers[1].scope == Scope::kNode);
    CHECK(s.block_bytes == 512ULL * 131072);
    CHECK(c.section("tiers.hbm").where("capacity") == "sys.toml:12:1");
    CHECK(c.section("tiers.hbm").where("read_bandwidth") == "configs/tiers/hbm3_h100.toml:4:1");
    CHECK(c.section("tiers.hbm").where("channels") == "default");
  }

  TEST_CASE("--set overrides any key and wins over the file") {
    const ResolvedConfig c = load_config_text(kSmall, "sys.toml",
                                              {{"tiers.hbm.capacity", "64GiB"},
                                               {"system.instances", "4"},
                                               {"system.tiers", "[hbm, ddr]"},
                                               {"tiers.ddr.efficiency", "0.5"}});
    const SystemSpec s = build_system_spec(c);
    CHECK(s.tiers[0].capacity.value == 64ULL << 30);
    CHECK(s.instances == 4);
    CHECK(s.tiers[1].efficiency == 0.5);
    CHECK(c.section("tiers.hbm").where("capacity") == "--set tiers.hbm.capacity=64GiB");
  }

  TEST_CASE("the resolved configuration reproduces itself") {
    const ResolvedConfig c = load_config_text(kSmall, "sys.toml", {{"tiers.ddr.capacity", "100 blocks"}});
    const std::string resolved = c.to_toml();
    const ResolvedConfig again = load_config_text(resolved, "resolved.toml");
    CHECK(again.to_toml().substr(again.to_toml().find('\n', 100)) == resolved.substr(resolved.find('\n', 100)));
    CHECK(resolved.find("capacity = \"100 blocks\"") != std::string::npos);
  }

  TEST_CASE("unknown keys and sections name file:line:col and suggest") {
    auto [msg, code] = failure(with(kSmall, "capacity = \"40GB\"", "capacty = \"40GB\""));
    CHECK(code == ExitCode::kConfig);
    CHECK(msg == "sys.toml:12:1: tiers.hbm: unknown key 'capacty' (did you mean 'capacity'?) (`kvtier explain tier` "
                 "lists the keys)");
    std::tie(msg, code) = failure(with(kSmall, "[model]", "[modle]"));
    CHECK(msg.find("sys.toml:4:2: unknown section 'modle' (did you mean 'model'?)") == 0);
    std::tie(msg, code) = failure(kSmall, {{"tiers.hbm.bandwith", "1TB/s"}});
    CHECK(msg.find("--set tiers.hbm.bandwith=1TB/s: tiers.hbm: unknown key 'bandwith'") == 0);
    std::tie(msg, code) = failure(kSmall, {{"sytem.instances", "2"}});
    CHECK(msg == "--set sytem.instances=2: unknown section 'sytem' (did you mean 'system'?)");
  }

  TEST_CASE("duplicate keys are errors with their position") {
    auto [msg, code] = failure(with(kSmall, "capacity = \"40GB\"", "capacity = \"40GB\"\ncapacity = \"80GB\""));
    CHECK(code == ExitCode::kConfig);
    CHECK(msg.find("sys.toml:13:") == 0);
    CHECK(msg.find("capacity") != std::string::npos);
  }

  TEST_CASE("bad values: unit strings, types, ranges, choices") {
    auto [msg, code] = failure(with(kSmall, "\"40GB\"", "\"40XB\""));
    CHECK(code == ExitCode::kConfig);
    CHECK(msg == "sys.toml:12:1: tiers.hbm.capacity: bad size '40XB': unknown unit 'XB' (use B, KB, MB, GB, TB, PB, "
                 "KiB, MiB, GiB, TiB, PiB, or blocks)");
    CHECK(failure(with(kSmall, "\"40GB\"", "40")).first ==
          "sys.toml:12:1: tiers.hbm.capacity: expected a size with a unit, e.g. \"64GiB\", got an integer");
    CHECK(failure(kSmall, {{"tiers.hbm.efficiency", "1.5"}}).first ==
          "--set tiers.hbm.efficiency=1.5: tiers.hbm.efficiency: 1.5 is out of range [1e-06, 1]");
    CHECK(failure(kSmall, {{"tiers.hbm.scope", "rack"}}).first ==
          "--set tiers.hbm.scope=rack: tiers.hbm.scope: unknown value 'rack' (choices: instance, node, pool)");
    CHECK(failure(kSmall, {{"system.instances", "many"}}).first ==
          "--set system.instances=many: system.instances: 'many' is not an integer");
    CHECK(failure(kSmall, {{"tiers.hbm.preset", "hbm3_h10"}}).first.find(
              "unknown tier preset 'hbm3_h10' (did you mean 'hbm3_h100'?)") != std::string::npos);
  }

  TEST_CASE("cross-section checks name the offending key") {
    CHECK(failure(kSmall, {{"system.tiers", "[hbm, ssd]"}}).first ==
          "--set system.tiers=[hbm, ssd]: system.tiers: names 'ssd', but there is no [tiers.ssd]");
    CHECK(failure(kSmall, {{"tiers.ddr.links", "[nvme]"}}).first ==
          "--set tiers.ddr.links=[nvme]: tiers.ddr.links: names 'nvme', but there is no [links.nvme]");
    CHECK(failure(kSmall, {{"system.tiers", "[hbm]"}}).first.find("[tiers.ddr] is not listed in system.tiers") !=
          std::string::npos);
    CHECK(failure(kSmall, {{"tiers.hbm.capacity", "1MB"}}).first.find("holds no") != std::string::npos);
    CHECK(failure(kSmall, {{"tiers.hbm.scope", "node"}}).first.find("the first tier belongs to one instance") !=
          std::string::npos);
  }

  TEST_CASE("a per-device link follows the devices of the tier its links start with") {
    // A node of three drives, each with its own x4 interface, behind the host's PCIe.
    const std::string drives = with(with(kSmall, "tiers = [\"hbm\", \"ddr\"]", "tiers = [\"hbm\", \"ddr\", \"qlc\"]"),
                                    "[links.pcie]", R"([tiers.qlc]
preset = "qlc_essd_gen4"
count = 3
scope = "node"
links = ["nvme", "pcie"]

[links.nvme]
preset = "nvme_gen4_x4"
scope = "node"

[links.pcie])");
    const SystemSpec spec = build_system_spec(load_config_text(drives, "sys.toml", {}));
    REQUIRE(spec.links.size() == 2);
    const auto link = [&spec](const std::string& name) {
      for (const LinkSpec& l : spec.links) {
        if (l.name == name) return l;
      }
      FAIL("no link " << name);
      return LinkSpec{};
    };
    CHECK(link("nvme").per_device);
    CHECK(link("nvme").devices == 3);
    CHECK(link("pcie").devices == 1);  // not per device: one, whatever the tiers behind it
    // A per-device link that no tier's links start with, or that two tiers' do.
    const auto nowhere = failure(drives, {{"tiers.qlc.links", "[pcie, nvme]"}});
    CHECK(nowhere.second == ExitCode::kConfig);
    CHECK(nowhere.first.find("links.nvme.per_device: no tier's links start with it") != std::string::npos);
    const auto both = failure(drives, {{"tiers.qlc.links", "[pcie, nvme]"},
                                       {"links.nvme.per_device", "false"},
                                       {"links.pcie.per_device", "true"}});
    CHECK(both.second == ExitCode::kConfig);
    CHECK(both.first.find("links.pcie.per_device: the links of 'ddr' and 'qlc' both start with it") !=
          std::string::npos);
  }

  TEST_CASE("missing file and missing built-in system") {
    try {
      load_config(ConfigRequest{"/nonexistent/sys.toml", {}, ""});
      FAIL("expected an error");
    } catch (const Error& e) {
      CHECK(e.code() == ExitCode::kNoInput);
      CHECK(std::string(e.what()).find("cannot open '/nonexistent/sys.toml'") == 0);
    }
    try {
      load_config(ConfigRequest{"defualt", {}, ""});
      FAIL("expected an error");
    } catch (const Error& e) {
      CHECK(e.code() == ExitCode::kNoInput);
      CHECK(std::string(e.what()).find("(did you mean 'default'?)") != std::string::npos);
    }
  }

  TEST_CASE("every built-in system resolves, and every number in configs/ names its source") {
    for (const EmbeddedFile& f : embedded_files()) {
      const std::string path(f.path);
      CAPTURE(path);
      if (path.rfind("systems/", 0) == 0) {
        const std::string name = path.substr(8, path.size() - 13);
        CHECK_NOTHROW(build_system_spec(load_config(ConfigRequest{name, {}, ""})));
      }
      std::string_view text = f.text;
      int line_number = 0;
      while (!text.empty()) {
        const auto nl = text.find('\n');
        const std::string_view line = text.substr(0, nl);
        ++line_number;
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
        const auto eq = line.find('=');
        if (eq == std::string_view::npos || line.front() == '#' || line.front() == '[') continue;
        std::string_view value = line.substr(eq + 1);
        value = value.substr(0, value.find('#'));
        while (!value.empty() && (value.front() == ' ' || value.front() == '"')) value.remove_prefix(1);
        const bool numeric = !value.empty() && value.front() >= '0' && value.front() <= '9';
        CAPTURE(line_number);
        CAPTURE(line);
        if (numeric) CHECK(line.find("# source:") != std::string_view::npos);
      }
    }
  }
}
