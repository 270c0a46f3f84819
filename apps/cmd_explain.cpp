#include <fmt/format.h>
#include <toml++/toml.h>

#include "apps/commands.h"
#include "core/config/presets.h"
#include "core/config/schema.h"
#include "kvtier/error.h"

namespace kvtier::cli {

namespace {
std::string type_text(const ParamSpec& p) {
  std::string t(type_name(p.type));
  if (p.type == ParamType::kEnum) {
    t = "";
    for (const auto c : p.choices) {
      if (!t.empty()) t += '|';
      t.append(c);
    }
  }
  if (!p.unit.empty()) t += fmt::format(" ({})", p.unit);
  return t;
}

void print_schema(const ComponentSchema& s) {
  std::string out = fmt::format("{}  [{}]", s.kind, s.section);
  if (!s.preset_dir.empty()) out += fmt::format("  presets: configs/{}/", s.preset_dir);
  out += fmt::format("\n{}\n\n", s.doc);
  std::size_t key_w = 3;
  std::size_t type_w = 4;
  std::size_t def_w = 7;
  for (const ParamSpec& p : s.params) {
    key_w = std::max(key_w, p.name.size());
    type_w = std::max(type_w, type_text(p).size());
    def_w = std::max(def_w, p.default_value.empty() ? std::size_t{8} : p.default_value.size());
  }
  out += fmt::format("  {:<{}}  {:<{}}  {:<{}}  {}\n", "key", key_w, "type", type_w, "default", def_w, "meaning");
  for (const ParamSpec& p : s.params) {
    std::string doc(p.doc);
    if (!p.only_when.empty()) {
      const auto eq = p.only_when.find('=');
      doc += fmt::format(" [only with {} = \"{}\"]", p.only_when.substr(0, eq), p.only_when.substr(eq + 1));
    }
    if ((p.type == ParamType::kInt || p.type == ParamType::kFloat) && (p.min > -1e300 || p.max < 1e300)) {
      doc += fmt::format(" [range {} .. {}]", p.min, p.max < 1e300 ? fmt::format("{}", p.max) : std::string("inf"));
    }
    if (!p.source.empty()) doc += fmt::format(" [source: {}]", p.source);
    out += fmt::format("  {:<{}}  {:<{}}  {:<{}}  {}\n", p.name, key_w, type_text(p), type_w,
                       p.default_value.empty() ? "required" : std::string(p.default_value), def_w, doc);
  }
  std::fputs(out.c_str(), stdout);
}

void print_overview() {
  std::string out =
      "kvtier explain <thing>: the parameters of a component, or what a preset holds.\n\ncomponents (sections of a "
      "system file)\n";
  for (const ComponentSchema* s : all_schemas()) {
    out += fmt::format("  {:<20} {:<16} {}\n", s->kind, fmt::format("[{}]", s->section), s->doc);
  }
  out += "\npresets (kvtier explain <name>)\n";
  for (const std::string_view dir : {"systems", "tiers", "links", "models", "accelerators", "workloads"}) {
    std::string names;
    for (const std::string& n : preset_names(dir)) {
      if (!names.empty()) names += ", ";
      names += n;
    }
    out += fmt::format("  {:<13} {}\n", std::string(dir) + ":", names.empty() ? "(none)" : names);
  }
  std::fputs(out.c_str(), stdout);
}

const ComponentSchema* schema_for_dir(std::string_view dir) {
  for (const ComponentSchema* s : all_schemas()) {
    if (s->preset_dir == dir) return s;
  }
  return nullptr;
}

void print_preset(std::string_view dir, std::string_view name, std::string_view text) {
  std::string out = fmt::format("{} (configs/{}/{}.toml)\n", name, dir, name);
  if (dir == "systems") {
    std::fputs((out + "\n" + std::string(text)).c_str(), stdout);
    return;
  }
  const std::string description = preset_description(text);
  if (!description.empty()) out += description + "\n";
  out += "\n";
  const auto sources = source_comments(text);
  const toml::table table = toml::parse(text, fmt::format("configs/{}/{}.toml", dir, name));
  const ComponentSchema* schema = schema_for_dir(dir);
  for (auto&& [key, node] : table) {
    std::string value;
    if (const auto* str = node.as_string()) {
      value = fmt::format("\"{}\"", str->get());
    } else if (const auto* i = node.as_integer()) {
      value = fmt::format("{}", i->get());
    } else if (const auto* f = node.as_floating_point()) {
      value = fmt::format("{}", f->get());
    } else if (const auto* b = node.as_boolean()) {
      value = b->get() ? "true" : "false";
    } else {
      value = "(...)";
    }
    std::string line = fmt::format("  {} = {}", key.str(), value);
    const auto src = sources.find(std::string(key.str()));
    if (src != sources.end()) line += fmt::format("    # source: {}", src->second);
    out += line + "\n";
  }
  if (schema != nullptr) {
    out += fmt::format("\nother keys take their defaults: kvtier explain {}\n", schema->kind);
  }
  std::fputs(out.c_str(), stdout);
}
}  // namespace

int explain_command(const std::string& thing) {
  if (thing.empty()) {
    print_overview();
    return 0;
  }
  if (const ComponentSchema* s = find_schema(thing)) {
    print_schema(*s);
    return 0;
  }
  if (thing == "workload") {
    print_schema(*find_schema("workload.synthetic"));
    std::fputs("\n", stdout);
    print_schema(*find_schema("workload.mooncake"));
    std::fputs("\n", stdout);
    print_schema(*find_schema("workload.azure"));
    return 0;
  }
  bool found = false;
  std::vector<std::string_view> candidates;
  for (const std::string_view dir : {"systems", "tiers", "links", "models", "accelerators", "workloads"}) {
    if (const auto text = find_preset(dir, thing)) {
      if (found) std::fputs("\n", stdout);
      print_preset(dir, thing, *text);
      found = true;
    }
  }
  if (found) return 0;
  static std::vector<std::string> all;
  all.clear();
  for (const ComponentSchema* s : all_schemas()) all.emplace_back(s->kind);
  for (const std::string_view dir : {"systems", "tiers", "links", "models", "accelerators", "workloads"}) {
    for (const std::string& n : preset_names(dir)) all.push_back(n);
  }
  for (const std::string& a : all) candidates.push_back(a);
  const std::string hint = closest_match(thing, candidates);
  throw Error(ExitCode::kUsage, fmt::format("explain: no component or preset named '{}'{}; `kvtier explain` lists them",
                                            thing, hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
}

}  // namespace kvtier::cli
