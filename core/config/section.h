// A validated configuration section: every parameter of its schema has a typed value,
// either given (in a preset, the system file or a --set) or defaulted.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/config/schema.h"
#include "core/units/units.h"
#include "kvtier/sim_time.h"

namespace kvtier {

struct Bandwidth {
  std::uint64_t bytes_per_s = 0;
  friend bool operator==(const Bandwidth&, const Bandwidth&) = default;
};
struct Duration {
  SimTimeNs ns = 0;
  friend bool operator==(const Duration&, const Duration&) = default;
};

using ParamValue = std::variant<std::int64_t, double, bool, std::string, units::Size, Bandwidth, Duration,
                                std::vector<std::string>>;

// Renders a value as TOML (strings quoted, units in strings).
std::string to_toml_text(const ParamValue& value);

class Section {
 public:
  Section(std::string name, const ComponentSchema& schema, std::string preset, std::string origin)
      : name_(std::move(name)), schema_(&schema), preset_(std::move(preset)), origin_(std::move(origin)) {}

  const std::string& name() const { return name_; }        // "tiers.hbm"
  std::string_view short_name() const;                     // "hbm"
  const ComponentSchema& schema() const { return *schema_; }
  const std::string& preset() const { return preset_; }    // empty when none
  const std::string& origin() const { return origin_; }    // where the section starts

  std::int64_t get_int(std::string_view key) const;
  double get_float(std::string_view key) const;
  bool get_bool(std::string_view key) const;
  const std::string& get_string(std::string_view key) const;  // kString and kEnum
  units::Size get_size(std::string_view key) const;
  std::uint64_t get_bandwidth(std::string_view key) const;
  SimTimeNs get_time(std::string_view key) const;
  const std::vector<std::string>& get_list(std::string_view key) const;

  // Where the value came from: "file:line:col", "--set k=v" or "default".
  const std::string& where(std::string_view key) const;
  // Throws a config error (exit 78) about `key`, prefixed with where it was set.
  [[noreturn]] void fail(std::string_view key, const std::string& message) const;

  void set(std::string_view key, ParamValue value, std::string origin);
  // False when the parameter's only_when condition does not hold in this section.
  bool applies(const ParamSpec& spec) const;
  // All parameters that apply, in schema order, as TOML lines (for config.resolved.toml).
  std::string to_toml() const;

 private:
  struct Entry {
    ParamValue value;
    std::string origin;
  };
  const Entry& entry(std::string_view key) const;

  std::string name_;
  const ComponentSchema* schema_;
  std::string preset_;
  std::string origin_;
  std::map<std::string, Entry, std::less<>> values_;
};

}  // namespace kvtier
