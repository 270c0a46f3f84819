#include "core/report/prometheus_text.h"

#include <cmath>
#include <fmt/format.h>
#include <map>
#include <string_view>
#include <vector>

namespace kvtier {

namespace {
using Json = nlohmann::ordered_json;

struct Label {
  std::string key;
  std::string value;
};
using Labels = std::vector<Label>;

// Families in the order first met, each with its series: the format wants a family's
// lines together, and tiers' fields would otherwise interleave.
class Families {
 public:
  void add(const std::string& name, const std::string& labels, const std::string& value) {
    auto [it, added] = series_.try_emplace(name);
    if (added) order_.push_back(name);
    it->second += fmt::format("{}{} {}\n", name, labels, value);
  }
  std::string text() const {
    std::string out;
    for (const std::string& name : order_) {
      // A name ending _total is a counter by the format's convention (requests.total is
      // one: the count so far); every other number is a gauge.
      const char* type = name.ends_with("_total") ? "counter" : "gauge";
      out += fmt::format("# TYPE {} {}\n{}", name, type, series_.at(name));
    }
    return out;
  }

 private:
  std::vector<std::string> order_;
  std::map<std::string, std::string> series_;
};

// A name part: anything outside [a-zA-Z0-9_] becomes '_'.
std::string name_part(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) c = '_';
  }
  return out;
}

std::string label_value(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string render(const Labels& labels) {
  if (labels.empty()) return "";
  std::string out = "{";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    out += fmt::format("{}{}=\"{}\"", i == 0 ? "" : ",", labels[i].key, label_value(labels[i].value));
  }
  return out + "}";
}

// A name part with a unit suffix, and more before it.
bool has_unit(std::string_view part, std::string_view unit) { return part.size() > unit.size() && part.ends_with(unit); }

struct MetricName {
  std::string name;
  bool in_ns = false;  // its values are nanoseconds, to be given in seconds
};

// kvtier_ and the path, in Prometheus's base units: a part in nanoseconds loses its _ns
// and the name ends _seconds; a part in joules (_j) is spelled out.
MetricName metric_name(const std::vector<std::string>& path) {
  MetricName m{"kvtier"};
  for (const std::string& part : path) {
    const bool ns = has_unit(part, "_ns");
    m.in_ns = m.in_ns || ns;
    m.name += '_';
    m.name.append(part, 0, ns ? part.size() - 3 : part.size());
    if (has_unit(part, "_j")) m.name += "oules";
  }
  if (m.in_ns) m.name += "_seconds";
  return m;
}

std::string number(const Json& v, bool in_ns) {
  if (in_ns) return fmt::format("{}", v.get<double>() / 1e9);
  if (v.is_number_unsigned()) return fmt::format("{}", v.get<std::uint64_t>());
  if (v.is_number_integer()) return fmt::format("{}", v.get<std::int64_t>());
  const double d = v.get<double>();
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "+Inf" : "-Inf";
  return fmt::format("{}", d);
}

// An array of objects that each have a string "name": its elements become labels.
bool named_elements(const Json& array) {
  if (array.empty()) return false;
  for (const Json& e : array) {
    if (!e.is_object() || !e.contains("name") || !e["name"].is_string()) return false;
  }
  return true;
}

std::string singular(const std::string& key) { return key.size() > 1 && key.back() == 's' ? key.substr(0, key.size() - 1) : key; }

void walk(const Json& object, std::vector<std::string>& path, Labels& labels, bool named, Families& out) {
  Labels info = labels;
  for (const auto& [key, v] : object.items()) {
    if (v.is_string() && !(named && key == "name")) info.push_back(Label{name_part(key), v.get<std::string>()});
  }
  if (info.size() > labels.size()) {
    path.emplace_back("info");
    out.add(metric_name(path).name, render(info), "1");
    path.pop_back();
  }
  for (const auto& [key, v] : object.items()) {
    path.push_back(name_part(key));
    if (v.is_number() || v.is_boolean()) {
      const MetricName m = metric_name(path);
      out.add(m.name, render(labels), v.is_boolean() ? (v.get<bool>() ? "1" : "0") : number(v, m.in_ns));
    } else if (v.is_object()) {
      walk(v, path, labels, false, out);
    } else if (v.is_array() && named_elements(v)) {
      path.back() = singular(path.back());
      for (const Json& element : v) {
        labels.push_back(Label{path.back(), element["name"].get<std::string>()});
        walk(element, path, labels, true, out);
        labels.pop_back();
      }
    }
    path.pop_back();
  }
}
}  // namespace

std::string prometheus_text(const nlohmann::ordered_json& summary) {
  Families out;
  std::vector<std::string> path;
  Labels labels;
  walk(summary, path, labels, false, out);
  return out.text();
}

}  // namespace kvtier
