// Parameter schemas: every configurable component declares its parameters once (name,
// type, unit, default, one-line doc, source). The same table validates configuration,
// fills defaults, writes config.resolved.toml and prints `kvtier explain`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kvtier {

enum class ParamType {
  kInt,         // TOML integer
  kFloat,       // TOML float or integer
  kBool,        // TOML boolean
  kString,      // TOML string
  kEnum,        // TOML string, one of `choices`
  kSize,        // "64GiB", "1.5TB", "100000 blocks"
  kBandwidth,   // "3.35TB/s", "25Gb/s"
  kTime,        // "120us", "2ms"
  kStringList,  // TOML array of strings
};

std::string_view type_name(ParamType type);

struct ParamSpec {
  std::string_view name;
  ParamType type;
  std::string_view unit;           // e.g. "bytes", "pJ/bit"; empty when unitless
  std::string_view default_value;  // TOML text of the default; empty means required
  std::string_view doc;            // one line
  std::string_view source = {};    // where the default comes from
  std::vector<std::string_view> choices = {};  // kEnum only
  double min = -1e300;             // inclusive bounds for kInt and kFloat
  double max = 1e300;
  // "key=value": the parameter means something only when the section's `key` has that
  // value (a policy's own knobs). Setting it otherwise is an error; resolved
  // configurations leave it out. Empty: always applies.
  std::string_view only_when = {};
};

struct ComponentSchema {
  std::string_view kind;        // "tier", "link", "model", ...
  std::string_view section;     // where it lives in a system file: "tiers.<name>", "system"
  std::string_view preset_dir;  // configs/<dir>/ holds its presets; empty if none
  std::string_view doc;
  std::vector<ParamSpec> params;

  const ParamSpec* find(std::string_view name) const;
};

// All component schemas, in the order `kvtier explain` lists them. Registration is
// explicit (this list), so nothing depends on static initialisation order.
const std::vector<const ComponentSchema*>& all_schemas();
const ComponentSchema* find_schema(std::string_view kind);

// Closest candidate within a small edit distance, for "did you mean" hints; empty if none.
std::string closest_match(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace kvtier
