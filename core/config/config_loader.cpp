#include "core/config/config_loader.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <sstream>
#include <toml++/toml.h>

#include "core/config/presets.h"
#include "kvtier/error.h"

namespace kvtier {

namespace {

constexpr int kMaxPresetDepth = 8;
const std::vector<std::string_view> kPlainSections{"system", "model", "instance", "scheduler", "workload"};
// Sections a system file may leave out: every key takes its default.
const std::vector<std::string_view> kOptionalSections{"scheduler"};
const std::vector<std::string_view> kGroupSections{"tiers", "links"};

[[noreturn]] void config_error(const std::string& message) { throw Error(ExitCode::kConfig, message); }

std::string position(const toml::source_region& src) {
  const std::string path = src.path ? *src.path : std::string("<config>");
  return fmt::format("{}:{}:{}", path, src.begin.line, src.begin.column);
}

// One key of a section before validation: a TOML node from a file, or raw --set text.
struct RawEntry {
  const toml::node* node = nullptr;
  std::string raw;
  std::string origin;
};

struct RawSection {
  std::string origin;  // where the section header is
  std::map<std::string, RawEntry, std::less<>> entries;
};

std::string read_file(const std::filesystem::path& path) {
  std::error_code ec;  // an unreadable path is reported by the open below
  if (std::filesystem::is_directory(path, ec)) {
    throw Error(ExitCode::kNoInput, fmt::format("cannot read '{}': a directory, not a file", path.string()));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ExitCode::kNoInput, fmt::format("cannot open '{}': no such file or not readable", path.string()));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw Error(ExitCode::kNoInput, fmt::format("cannot read '{}'", path.string()));
  return ss.str();
}

bool looks_like_path(std::string_view s) {
  return s.find('/') != std::string_view::npos || (s.size() > 5 && s.substr(s.size() - 5) == ".toml");
}

std::string type_of(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    default: return "a date or time";
  }
}

// toml++'s "Error while parsing key-value pair: cannot redefine existing array 'tiers'"
// becomes "duplicate key: cannot redefine existing array 'tiers'".
std::string parse_error_text(std::string_view description) {
  constexpr std::string_view kPrefix = "Error while parsing ";
  if (description.substr(0, kPrefix.size()) == kPrefix) {
    const auto colon = description.find(": ");
    if (colon != std::string_view::npos) description.remove_prefix(colon + 2);
  }
  if (description.find("redefine") != std::string_view::npos) return "duplicate key: " + std::string(description);
  return std::string(description);
}

std::string_view strip_quotes(std::string_view s) {
  if (s.size() >= 2 && ((s.front() == '"' && s.back() == '"') || (s.front() == '\'' && s.back() == '\''))) {
    return s.substr(1, s.size() - 2);
  }
  return s;
}

std::string choices_text(const ParamSpec& spec) {
  std::string out;
  for (const auto c : spec.choices) {
    if (!out.empty()) out += ", ";
    out += c;
  }
  return out;
}

}  // namespace

Override parse_override(std::string_view arg) {
  const auto eq = arg.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    throw Error(ExitCode::kUsage, fmt::format("--set '{}': expected path=value, e.g. tiers.hbm.capacity=64GiB", arg));
  }
  return Override{std::string(arg.substr(0, eq)), std::string(arg.substr(eq + 1))};
}

// Builds a ResolvedConfig; holds the parsed documents alive while sections point into them.
class ConfigBuilder {
 public:
  ResolvedConfig build(std::string_view text, std::string label, std::filesystem::path base_dir,
                       const ConfigRequest& request) {
    base_dir_ = std::move(base_dir);
    const toml::table& root = parse(text, label);
    collect_sections(root);
    if (!request.trace_path.empty()) replace_workload(request.trace_path);
    for (const Override& o : request.overrides) apply_override(o);
    for (const std::string_view name : kOptionalSections) {
      RawSection& raw = sections_[std::string(name)];
      if (raw.origin.empty()) raw.origin = fmt::format("{} (defaults)", label);
    }

    ResolvedConfig out;
    out.origin_ = std::move(label);
    for (auto& [name, raw] : sections_) out.sections_.push_back(validate(name, raw));
    order(out.sections_);
    return out;
  }

 private:
  const toml::table& parse(std::string_view text, const std::string& label) {
    try {
      docs_.push_back(std::make_unique<toml::table>(toml::parse(text, label)));
    } catch (const toml::parse_error& e) {
      config_error(fmt::format("{}: {}", position(e.source()), parse_error_text(e.description())));
    }
    return *docs_.back();
  }

  void collect_sections(const toml::table& root) {
    for (auto&& [key, node] : root) {
      const std::string name(key.str());
      const std::string where = position(key.source());
      const bool plain = std::find(kPlainSections.begin(), kPlainSections.end(), name) != kPlainSections.end();
      const bool group = std::find(kGroupSections.begin(), kGroupSections.end(), name) != kGroupSections.end();
      if (!plain && !group) {
        std::vector<std::string_view> all = kPlainSections;
        all.insert(all.end(), kGroupSections.begin(), kGroupSections.end());
        const std::string hint = closest_match(name, all);
        config_error(fmt::format("{}: unknown section '{}'{} (sections: system, model, instance, scheduler, "
                                 "workload, tiers.<name>, links.<name>)",
                                 where, name, hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
      }
      if (!node.is_table()) config_error(fmt::format("{}: '{}' must be a table, not {}", where, name, type_of(node)));
      if (plain) {
        add_entries(name, where, *node.as_table());
        continue;
      }
      for (auto&& [sub, subnode] : *node.as_table()) {
        const std::string sub_where = position(sub.source());
        if (!subnode.is_table()) {
          config_error(fmt::format("{}: {}.{} must be a table ([{}.{}]), not {}", sub_where, name, sub.str(), name,
                                   sub.str(), type_of(subnode)));
        }
        add_entries(fmt::format("{}.{}", name, sub.str()), sub_where, *subnode.as_table());
      }
    }
  }

  void add_entries(const std::string& section, const std::string& where, const toml::table& table) {
    RawSection& raw = sections_[section];
    raw.origin = where;
    for (auto&& [key, node] : table) {
      const std::string k(key.str());
      if (node.is_table()) {
        config_error(fmt::format("{}: {}.{} is a table, but sections do not nest", position(key.source()), section, k));
      }
      raw.entries[k] = RawEntry{&node, {}, position(key.source())};
    }
  }

  void replace_workload(const std::string& trace_path) {
    RawSection raw;
    raw.origin = "--trace";
    // The Azure traces are CSV; anything else is read as Mooncake JSON Lines.
    const bool csv = std::filesystem::path(trace_path).extension() == ".csv";
    raw.entries["kind"] = RawEntry{nullptr, csv ? "azure" : "mooncake", "--trace"};
    raw.entries["path"] = RawEntry{nullptr, trace_path, "--trace"};
    sections_["workload"] = std::move(raw);
  }

  void apply_override(const Override& o) {
    const std::string origin = fmt::format("--set {}={}", o.path, o.value);
    const auto first_dot = o.path.find('.');
    if (first_dot == std::string::npos) {
      config_error(fmt::format("{}: expected section.key (e.g. system.instances) or tiers.<name>.key", origin));
    }
    const std::string head = o.path.substr(0, first_dot);
    std::string section;
    std::string key;
    if (std::find(kGroupSections.begin(), kGroupSections.end(), head) != kGroupSections.end()) {
      const auto second_dot = o.path.find('.', first_dot + 1);
      if (second_dot == std::string::npos) {
        config_error(fmt::format("{}: expected {}.<name>.key", origin, head));
      }
      section = o.path.substr(0, second_dot);
      key = o.path.substr(second_dot + 1);
    } else if (std::find(kPlainSections.begin(), kPlainSections.end(), head) != kPlainSections.end()) {
      section = head;
      key = o.path.substr(first_dot + 1);
    } else {
      std::vector<std::string_view> all = kPlainSections;
      all.insert(all.end(), kGroupSections.begin(), kGroupSections.end());
      const std::string hint = closest_match(head, all);
      config_error(fmt::format("{}: unknown section '{}'{}", origin, head,
                               hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
    }
    if (key.empty() || key.find('.') != std::string::npos) {
      config_error(fmt::format("{}: '{}' is not a key of [{}]", origin, key, section));
    }
    RawSection& raw = sections_[section];
    if (raw.origin.empty()) raw.origin = origin;
    raw.entries[key] = RawEntry{nullptr, o.value, origin};
  }

  // The schema of a section, from its name (and, for [workload], its kind).
  const ComponentSchema& schema_for(const std::string& name, const RawSection& raw) {
    if (name.rfind("tiers.", 0) == 0) return *find_schema("tier");
    if (name.rfind("links.", 0) == 0) return *find_schema("link");
    if (name != "workload") return *find_schema(name);
    std::string kind = "synthetic";
    std::string where = raw.origin;
    if (const auto it = raw.entries.find("kind"); it != raw.entries.end()) {
      where = it->second.origin;
      if (it->second.node != nullptr) {
        const auto* s = it->second.node->as_string();
        if (s == nullptr) config_error(fmt::format("{}: workload.kind must be a string", where));
        kind = s->get();
      } else {
        kind = std::string(strip_quotes(it->second.raw));
      }
    }
    const ComponentSchema* schema = find_schema("workload." + kind);
    if (schema == nullptr) {
      config_error(fmt::format("{}: workload.kind: unknown workload '{}' (choices: synthetic, mooncake, azure)", where, kind));
    }
    return *schema;
  }

  // Merges the preset chain under the section's own entries.
  void merge_presets(const std::string& section, const ComponentSchema& schema, RawSection& raw, std::string& preset) {
    const auto it = raw.entries.find("preset");
    if (it == raw.entries.end()) return;
    RawEntry entry = it->second;
    raw.entries.erase(it);
    for (int depth = 0;; ++depth) {
      std::string name;
      if (entry.node != nullptr) {
        const auto* s = entry.node->as_string();
        if (s == nullptr) config_error(fmt::format("{}: {}.preset must be a string", entry.origin, section));
        name = s->get();
      } else {
        name = std::string(strip_quotes(entry.raw));
      }
      if (depth == 0) preset = name;
      if (depth >= kMaxPresetDepth) {
        config_error(fmt::format("{}: {}.preset: presets nest deeper than {} (a cycle?)", entry.origin, section,
                                 kMaxPresetDepth));
      }
      const toml::table& table = load_preset(section, schema, name, entry.origin);
      std::optional<RawEntry> next;
      for (auto&& [key, node] : table) {
        const std::string k(key.str());
        if (node.is_table()) {
          config_error(fmt::format("{}: preset '{}' has a table '{}'; presets are flat", position(key.source()), name, k));
        }
        if (k == "preset") {
          next = RawEntry{&node, {}, position(key.source())};
          continue;
        }
        raw.entries.emplace(k, RawEntry{&node, {}, position(key.source())});  // keeps existing (higher) entries
      }
      if (!next) return;
      entry = *next;
    }
  }

  const toml::table& load_preset(const std::string& section, const ComponentSchema& schema, const std::string& name,
                                 const std::string& origin) {
    if (looks_like_path(name)) {
      std::filesystem::path p(name);
      if (p.is_relative()) p = base_dir_ / p;
      std::string text;
      try {
        text = read_file(p);
      } catch (const Error& e) {
        config_error(fmt::format("{}: {}.preset: {}", origin, section, e.what()));
      }
      texts_.push_back(std::move(text));
      return parse(texts_.back(), p.string());
    }
    const auto text = find_preset(schema.preset_dir, name);
    if (!text) {
      std::vector<std::string> names = preset_names(schema.preset_dir);
      std::vector<std::string_view> views(names.begin(), names.end());
      const std::string hint = closest_match(name, views);
      config_error(fmt::format("{}: {}.preset: unknown {} preset '{}'{} (`kvtier explain {}` lists them)", origin,
                               section, schema.kind, name,
                               hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint), schema.kind));
    }
    return parse(*text, fmt::format("configs/{}/{}.toml", schema.preset_dir, name));
  }

  Section validate(const std::string& name, RawSection& raw) {
    const ComponentSchema& schema = schema_for(name, raw);
    std::string preset;
    merge_presets(name, schema, raw, preset);
    Section section(name, schema, preset, raw.origin);
    for (auto& [key, entry] : raw.entries) {
      const ParamSpec* spec = schema.find(key);
      if (spec == nullptr) {
        std::vector<std::string_view> names;
        for (const ParamSpec& p : schema.params) names.push_back(p.name);
        const std::string hint = closest_match(key, names);
        config_error(fmt::format("{}: {}: unknown key '{}'{} (`kvtier explain {}` lists the keys)", entry.origin, name,
                                 key, hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint), schema.kind));
      }
      section.set(key, convert(name, *spec, entry), entry.origin);
    }
    for (const ParamSpec& p : schema.params) {
      if (raw.entries.count(p.name) != 0) continue;
      if (p.default_value.empty()) {
        config_error(fmt::format("{}: [{}] needs '{}' ({}), in the section or its preset", raw.origin, name, p.name,
                                 p.doc));
      }
      RawEntry def{nullptr, std::string(p.default_value), "default"};
      section.set(p.name, convert(name, p, def), "default");
    }
    for (const ParamSpec& p : schema.params) {
      if (raw.entries.count(p.name) != 0 && !section.applies(p)) {
        const auto eq = p.only_when.find('=');
        section.fail(p.name, fmt::format("applies only with {} = \"{}\", but this section has {} = \"{}\"",
                                         p.only_when.substr(0, eq), p.only_when.substr(eq + 1),
                                         p.only_when.substr(0, eq), section.get_string(p.only_when.substr(0, eq))));
      }
    }
    return section;
  }

  ParamValue convert(const std::string& section, const ParamSpec& spec, const RawEntry& entry) {
    const auto fail = [&](const std::string& why) -> void {
      config_error(fmt::format("{}: {}.{}: {}", entry.origin, section, spec.name, why));
    };
    const auto check_range = [&](double v) {
      if (v < spec.min || v > spec.max) {
        fail(fmt::format("{} is out of range [{}, {}]", v, spec.min, spec.max));
      }
    };
    try {
      if (entry.node != nullptr) return convert_node(spec, *entry.node, fail, check_range);
      return convert_text(spec, entry.raw, fail, check_range);
    } catch (const units::UnitError& e) {
      fail(e.what());
    }
    return {};
  }

  template <class Fail, class Range>
  ParamValue convert_node(const ParamSpec& spec, const toml::node& node, Fail&& fail, Range&& check_range) {
    const auto expect = [&](std::string_view what) { fail(fmt::format("expected {}, got {}", what, type_of(node))); };
    switch (spec.type) {
      case ParamType::kInt: {
        if (!node.is_integer()) expect("an integer");
        const std::int64_t v = node.as_integer()->get();
        check_range(static_cast<double>(v));
        return v;
      }
      case ParamType::kFloat: {
        double v = 0;
        if (node.is_floating_point()) {
          v = node.as_floating_point()->get();
        } else if (node.is_integer()) {
          v = static_cast<double>(node.as_integer()->get());
        } else {
          expect("a number");
        }
        if (!std::isfinite(v)) fail("must be a finite number");
        check_range(v);
        return v;
      }
      case ParamType::kBool:
        if (!node.is_boolean()) expect("true or false");
        return node.as_boolean()->get();
      case ParamType::kStringList: {
        if (!node.is_array()) expect("an array of strings");
        std::vector<std::string> out;
        for (const toml::node& item : *node.as_array()) {
          if (!item.is_string()) expect("an array of strings");
          out.push_back(item.as_string()->get());
        }
        return out;
      }
      default:
        break;
    }
    if (!node.is_string()) {
      if (spec.type == ParamType::kSize) expect("a size with a unit, e.g. \"64GiB\"");
      if (spec.type == ParamType::kBandwidth) expect("a bandwidth with a unit, e.g. \"52GB/s\"");
      if (spec.type == ParamType::kTime) expect("a time with a unit, e.g. \"120us\"");
      expect("a string");
    }
    return convert_text(spec, node.as_string()->get(), fail, check_range);
  }

  template <class Fail, class Range>
  ParamValue convert_text(const ParamSpec& spec, std::string_view text, Fail&& fail, Range&& check_range) {
    const std::string_view unquoted = strip_quotes(text);
    switch (spec.type) {
      case ParamType::kInt: {
        std::int64_t v = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (ec != std::errc() || end != text.data() + text.size()) fail(fmt::format("'{}' is not an integer", text));
        check_range(static_cast<double>(v));
        return v;
      }
      case ParamType::kFloat: {
        double v = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) {
          fail(fmt::format("'{}' is not a number", text));
        }
        check_range(v);
        return v;
      }
      case ParamType::kBool:
        if (text == "true") return true;
        if (text == "false") return false;
        fail(fmt::format("'{}' is not true or false", text));
        break;
      case ParamType::kString:
        return std::string(unquoted);
      case ParamType::kEnum: {
        for (const auto c : spec.choices) {
          if (c == unquoted) return std::string(unquoted);
        }
        const std::string hint = closest_match(unquoted, spec.choices);
        fail(fmt::format("unknown value '{}'{} (choices: {})", unquoted,
                         hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint), choices_text(spec)));
        break;
      }
      case ParamType::kSize:
        return units::parse_size(unquoted);
      case ParamType::kBandwidth:
        return Bandwidth{units::parse_bandwidth(unquoted)};
      case ParamType::kTime:
        return Duration{units::parse_time(unquoted)};
      case ParamType::kStringList:
        return parse_list(text, fail);
    }
    return {};
  }

  // A list from --set: TOML array syntax, or bare words: [hbm, ddr, qlc].
  template <class Fail>
  std::vector<std::string> parse_list(std::string_view text, Fail&& fail) {
    std::string_view body = text;
    while (!body.empty() && body.front() == ' ') body.remove_prefix(1);
    while (!body.empty() && body.back() == ' ') body.remove_suffix(1);
    if (body.size() < 2 || body.front() != '[' || body.back() != ']') {
      fail(fmt::format("'{}' is not a list; write [a, b, c]", text));
    }
    body = body.substr(1, body.size() - 2);
    std::vector<std::string> out;
    while (!body.empty()) {
      const auto comma = body.find(',');
      std::string_view item = body.substr(0, comma);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
      item = strip_quotes(item);
      if (item.empty()) fail(fmt::format("'{}' has an empty list item", text));
      out.emplace_back(item);
      if (comma == std::string_view::npos) break;
      body.remove_prefix(comma + 1);
    }
    return out;
  }

  // system, model, instance, scheduler, workload, then links and tiers in name order.
  static void order(std::vector<Section>& sections) {
    const auto rank = [](const Section& s) {
      const std::string& n = s.name();
      for (std::size_t i = 0; i < kPlainSections.size(); ++i) {
        if (n == kPlainSections[i]) return i;
      }
      return n.rfind("links.", 0) == 0 ? kPlainSections.size() : kPlainSections.size() + 1;
    };
    std::stable_sort(sections.begin(), sections.end(), [&](const Section& a, const Section& b) {
      const auto ra = rank(a);
      const auto rb = rank(b);
      return ra != rb ? ra < rb : a.name() < b.name();
    });
  }

  std::filesystem::path base_dir_;
  std::vector<std::unique_ptr<toml::table>> docs_;
  std::vector<std::string> texts_;
  std::map<std::string, RawSection> sections_;
};

const Section& ResolvedConfig::section(std::string_view name) const {
  if (const Section* s = find(name)) return *s;
  config_error(fmt::format("{}: missing section [{}]", origin_, name));
}

const Section* ResolvedConfig::find(std::string_view name) const {
  for (const Section& s : sections_) {
    if (s.name() == name) return &s;
  }
  return nullptr;
}

std::vector<const Section*> ResolvedConfig::group(std::string_view group) const {
  std::vector<const Section*> out;
  for (const Section& s : sections_) {
    if (s.name().size() > group.size() + 1 && s.name().compare(0, group.size(), group) == 0 &&
        s.name()[group.size()] == '.') {
      out.push_back(&s);
    }
  }
  return out;
}

std::string ResolvedConfig::to_toml() const {
  std::string out = fmt::format(
      "# kvtier resolved configuration: every parameter of the run, defaults included.\n"
      "# Loaded from {}. `kvtier run --config <this file>` repeats the run.\n",
      origin_);
  for (const Section& s : sections_) out += "\n" + s.to_toml();
  return out;
}

ResolvedConfig load_config(const ConfigRequest& request) {
  const std::string name = request.config.empty() ? "default" : request.config;
  ConfigBuilder builder;
  std::error_code ec;
  if (!looks_like_path(name) && !std::filesystem::exists(name, ec)) {
    if (const auto text = find_preset("systems", name)) {
      return builder.build(*text, fmt::format("configs/systems/{}.toml", name), std::filesystem::current_path(),
                           request);
    }
    std::vector<std::string> names = preset_names("systems");
    std::vector<std::string_view> views(names.begin(), names.end());
    const std::string hint = closest_match(name, views);
    throw Error(ExitCode::kNoInput,
                fmt::format("--config '{}': no such file, and no built-in system of that name{}", name,
                            hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
  }
  const std::filesystem::path path(name);
  const std::string text = read_file(path);
  return builder.build(text, name, path.parent_path(), request);
}

ResolvedConfig load_config_text(std::string_view text, std::string_view label, const std::vector<Override>& overrides,
                                const std::string& trace_path) {
  ConfigBuilder builder;
  ConfigRequest request;
  request.overrides = overrides;
  request.trace_path = trace_path;
  return builder.build(text, std::string(label), std::filesystem::current_path(), request);
}

ResolvedConfig load_system(const std::string& config, const std::string& config_text,
                           const std::vector<std::string>& overrides, const std::string& trace) {
  std::vector<Override> parsed;
  for (const std::string& s : overrides) parsed.push_back(parse_override(s));
  const std::string path = trace.empty() ? "" : std::filesystem::absolute(trace).lexically_normal().string();
  if (!config_text.empty()) return load_config_text(config_text, "config_text", parsed, path);
  return load_config(ConfigRequest{config, parsed, path});
}

}  // namespace kvtier
