#include "core/config/section.h"

#include <fmt/format.h>

#include "kvtier/error.h"

namespace kvtier {

namespace {
std::string quote(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

template <class T>
const T& as(const ParamValue& v, std::string_view section, std::string_view key) {
  if (const T* p = std::get_if<T>(&v)) return *p;
  throw Error(ExitCode::kSoftware, fmt::format("internal: {}.{} read with the wrong type", section, key));
}
}  // namespace

std::string to_toml_text(const ParamValue& value) {
  struct Visitor {
    std::string operator()(std::int64_t v) const { return fmt::format("{}", v); }
    std::string operator()(double v) const {
      std::string s = fmt::format("{}", v);
      if (s.find_first_of(".eEn") == std::string::npos) s += ".0";  // keep it a TOML float
      return s;
    }
    std::string operator()(bool v) const { return v ? "true" : "false"; }
    std::string operator()(const std::string& v) const { return quote(v); }
    std::string operator()(const units::Size& v) const { return quote(units::format_size(v)); }
    std::string operator()(const Bandwidth& v) const { return quote(units::format_bandwidth(v.bytes_per_s)); }
    std::string operator()(const Duration& v) const { return quote(units::format_time(v.ns)); }
    std::string operator()(const std::vector<std::string>& v) const {
      std::string out = "[";
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (i > 0) out += ", ";
        out += quote(v[i]);
      }
      return out + "]";
    }
  };
  return std::visit(Visitor{}, value);
}

std::string_view Section::short_name() const {
  const auto dot = name_.find('.');
  return dot == std::string::npos ? std::string_view(name_) : std::string_view(name_).substr(dot + 1);
}

const Section::Entry& Section::entry(std::string_view key) const {
  const auto it = values_.find(key);
  if (it == values_.end()) {
    throw Error(ExitCode::kSoftware, fmt::format("internal: {} has no parameter '{}'", name_, key));
  }
  return it->second;
}

std::int64_t Section::get_int(std::string_view key) const { return as<std::int64_t>(entry(key).value, name_, key); }
double Section::get_float(std::string_view key) const { return as<double>(entry(key).value, name_, key); }
bool Section::get_bool(std::string_view key) const { return as<bool>(entry(key).value, name_, key); }
const std::string& Section::get_string(std::string_view key) const {
  return as<std::string>(entry(key).value, name_, key);
}
units::Size Section::get_size(std::string_view key) const { return as<units::Size>(entry(key).value, name_, key); }
std::uint64_t Section::get_bandwidth(std::string_view key) const {
  return as<Bandwidth>(entry(key).value, name_, key).bytes_per_s;
}
SimTimeNs Section::get_time(std::string_view key) const { return as<Duration>(entry(key).value, name_, key).ns; }
const std::vector<std::string>& Section::get_list(std::string_view key) const {
  return as<std::vector<std::string>>(entry(key).value, name_, key);
}

const std::string& Section::where(std::string_view key) const { return entry(key).origin; }

void Section::fail(std::string_view key, const std::string& message) const {
  throw Error(ExitCode::kConfig, fmt::format("{}: {}.{}: {}", where(key), name_, key, message));
}

void Section::set(std::string_view key, ParamValue value, std::string origin) {
  values_.insert_or_assign(std::string(key), Entry{std::move(value), std::move(origin)});
}

bool Section::applies(const ParamSpec& spec) const {
  if (spec.only_when.empty()) return true;
  const auto eq = spec.only_when.find('=');
  const auto it = values_.find(spec.only_when.substr(0, eq));
  if (it == values_.end()) return false;
  const auto* value = std::get_if<std::string>(&it->second.value);
  return value != nullptr && *value == spec.only_when.substr(eq + 1);
}

std::string Section::to_toml() const {
  std::string out = fmt::format("[{}]\n", name_);
  if (!preset_.empty()) out += fmt::format("preset = {}\n", quote(preset_));
  for (const ParamSpec& p : schema_->params) {
    const auto it = values_.find(p.name);
    if (it == values_.end() || !applies(p)) continue;
    out += fmt::format("{} = {}\n", p.name, to_toml_text(it->second.value));
  }
  return out;
}

}  // namespace kvtier
