#include "core/units/units.h"

#include <array>
#include <cmath>
#include <fmt/format.h>

#include "core/int128.h"

namespace kvtier::units {
namespace {

using u128 = UInt128;

// A unit is the rational factor num/den that turns one of it into the base unit
// (bytes, bytes per second or nanoseconds).
struct Unit {
  std::string_view name;
  std::uint64_t num;
  std::uint64_t den;
};

constexpr std::uint64_t kKi = 1024;
constexpr std::array kSizeUnits{
    Unit{"B", 1, 1},
    Unit{"KB", 1'000, 1},
    Unit{"kB", 1'000, 1},
    Unit{"MB", 1'000'000, 1},
    Unit{"GB", 1'000'000'000, 1},
    Unit{"TB", 1'000'000'000'000, 1},
    Unit{"PB", 1'000'000'000'000'000, 1},
    Unit{"KiB", kKi, 1},
    Unit{"MiB", kKi * kKi, 1},
    Unit{"GiB", kKi * kKi * kKi, 1},
    Unit{"TiB", kKi * kKi * kKi * kKi, 1},
    Unit{"PiB", kKi * kKi * kKi * kKi * kKi, 1},
};
// Rates: every size unit per second, plus bits per second (decimal prefixes only, as
// network and link rates are quoted).
constexpr std::array kBitUnits{
    Unit{"b", 1, 8},
    Unit{"Kb", 1'000, 8},
    Unit{"kb", 1'000, 8},
    Unit{"Mb", 1'000'000, 8},
    Unit{"Gb", 1'000'000'000, 8},
    Unit{"Tb", 1'000'000'000'000, 8},
};
constexpr std::array kTimeUnits{
    Unit{"ns", 1, 1},
    Unit{"us", 1'000, 1},
    Unit{"\xC2\xB5s", 1'000, 1},  // "µs"
    Unit{"ms", 1'000'000, 1},
    Unit{"s", 1'000'000'000, 1},
    Unit{"min", 60'000'000'000, 1},
    Unit{"h", 3'600'000'000'000, 1},
};

struct Number {
  u128 mantissa = 0;        // all digits, the decimal point removed
  std::uint64_t scale = 1;  // 10^(digits after the point)
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

[[noreturn]] void fail(std::string_view kind, std::string_view text, std::string_view why) {
  throw UnitError(fmt::format("bad {} '{}': {}", kind, text, why));
}

// Splits "1.5 TB" into an exact decimal and the unit text that follows it.
Number parse_number(std::string_view kind, std::string_view text, std::string_view& rest) {
  std::string_view s = trim(text);
  if (s.empty()) fail(kind, text, "empty");
  if (s.front() == '-') fail(kind, text, "must not be negative");
  if (s.front() == '+') s.remove_prefix(1);
  Number n;
  std::size_t i = 0;
  int digits = 0;
  int frac_digits = 0;
  bool seen_point = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      if (digits >= 19) fail(kind, text, "too many digits");
      if (digits > 0 || c != '0') ++digits;
      n.mantissa = n.mantissa * 10 + static_cast<unsigned>(c - '0');
      if (seen_point) {
        ++frac_digits;
        if (frac_digits > 18) fail(kind, text, "too many digits after the decimal point");
        n.scale *= 10;
      }
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else if (c == '_' && i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') {
      continue;  // digit separator, as TOML allows in numbers: "1_000 blocks"
    } else {
      break;
    }
  }
  const bool has_digit = i > (seen_point ? 1U : 0U) && (s[0] != '.' || i > 1);
  if (!has_digit) fail(kind, text, "expected a number");
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E') && i + 1 < s.size() &&
      (s[i + 1] == '+' || s[i + 1] == '-' || (s[i + 1] >= '0' && s[i + 1] <= '9'))) {
    fail(kind, text, "exponents are not accepted; write the number with a unit prefix instead");
  }
  rest = trim(s.substr(i));
  return n;
}

template <std::size_t N>
const Unit* find_unit(std::string_view name, const std::array<Unit, N>& table) {
  for (const Unit& u : table) {
    if (u.name == name) return &u;
  }
  return nullptr;
}

// mantissa / scale * num / den, rounded to the nearest integer (halves away from zero).
std::uint64_t apply(std::string_view kind, std::string_view text, const Number& n, const Unit& u,
                    std::uint64_t extra_den, std::uint64_t limit) {
  const u128 numerator = n.mantissa * u.num;  // < 10^19 * 2^50, fits in 128 bits
  const u128 denominator = static_cast<u128>(n.scale) * u.den * extra_den;
  const u128 value = (numerator + denominator / 2) / denominator;
  if (value > limit) fail(kind, text, "too large");
  return static_cast<std::uint64_t>(value);
}

std::string size_units_hint() { return "use B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB"; }

}  // namespace

Size parse_size(std::string_view text) {
  std::string_view unit;
  const Number n = parse_number("size", text, unit);
  if (unit == "block" || unit == "blocks") {
    if (n.scale != 1) fail("size", text, "a number of blocks must be a whole number");
    if (n.mantissa > UINT64_MAX) fail("size", text, "too large");
    return Size{static_cast<std::uint64_t>(n.mantissa), true};
  }
  if (unit.empty()) fail("size", text, "missing unit (" + size_units_hint() + ", or blocks)");
  const Unit* u = find_unit(unit, kSizeUnits);
  if (u == nullptr) {
    if (find_unit(unit, kBitUnits) != nullptr) {
      fail("size", text, fmt::format("'{}' is bits; sizes are in bytes ({})", unit, size_units_hint()));
    }
    fail("size", text, fmt::format("unknown unit '{}' ({}, or blocks)", unit, size_units_hint()));
  }
  return Size{apply("size", text, n, *u, 1, UINT64_MAX), false};
}

std::uint64_t parse_bandwidth(std::string_view text) {
  std::string_view unit;
  const Number n = parse_number("bandwidth", text, unit);
  std::string_view base = unit;
  if (base.size() < 3 || base.substr(base.size() - 2) != "/s") {
    fail("bandwidth", text, "missing '/s' (e.g. 52GB/s, 3.35TB/s, 25Gb/s)");
  }
  base.remove_suffix(2);
  const Unit* u = find_unit(base, kSizeUnits);
  if (u == nullptr) u = find_unit(base, kBitUnits);
  if (u == nullptr) {
    fail("bandwidth", text,
         fmt::format("unknown unit '{}' (use B/s, KB/s ... PB/s, KiB/s ... PiB/s, or b/s ... Tb/s)", unit));
  }
  return apply("bandwidth", text, n, *u, 1, UINT64_MAX);
}

SimTimeNs parse_time(std::string_view text) {
  std::string_view unit;
  const Number n = parse_number("time", text, unit);
  if (unit.empty()) fail("time", text, "missing unit (use ns, us, ms, s, min, h)");
  const Unit* u = find_unit(unit, kTimeUnits);
  if (u == nullptr) fail("time", text, fmt::format("unknown unit '{}' (use ns, us, ms, s, min, h)", unit));
  return static_cast<SimTimeNs>(apply("time", text, n, *u, 1, INT64_MAX));
}

namespace {

// Renders value / unit as an exact decimal with no trailing zeros. Contract: the
// division terminates (the unit is a power of ten, or short_decimals() said it does).
std::string exact_decimal(std::uint64_t value, std::uint64_t unit) {
  const std::uint64_t whole = value / unit;
  UInt128 frac = value % unit;
  if (frac == 0) return fmt::format("{}", whole);
  std::string digits;
  while (frac != 0) {
    frac *= 10;
    digits.push_back(static_cast<char>('0' + static_cast<int>(frac / unit)));
    frac %= unit;
  }
  return fmt::format("{}.{}", whole, digits);
}

// Digits after the point that value / unit needs when written exactly, or -1 if more
// than three (or none suffice: a power-of-two unit that does not divide).
int short_decimals(std::uint64_t value, std::uint64_t unit) {
  std::uint64_t scale = 1;
  for (int d = 0; d <= 3; ++d, scale *= 10) {
    if (static_cast<UInt128>(value) * scale % unit == 0) return d;
  }
  return -1;
}

// The largest unit not above the value that writes it with at most three decimals
// (fewer decimals break ties: 1536 B is "1.5KiB", not "1.536KB"); failing that, the
// exact decimal in the largest power-of-ten unit, so that every value round-trips.
template <std::size_t N>
std::string format_with(std::uint64_t value, const std::array<Unit, N>& table, std::string_view suffix) {
  const Unit* best = nullptr;
  int best_decimals = 0;
  for (const Unit& u : table) {
    if (u.den != 1 || u.name == "kB" || u.name == "\xC2\xB5s" || u.num > value) continue;
    const int d = short_decimals(value, u.num);
    if (d < 0) continue;
    if (best == nullptr || u.num > best->num || (u.num == best->num && d < best_decimals)) {
      best = &u;
      best_decimals = d;
    }
  }
  if (best != nullptr) return fmt::format("{}{}{}", exact_decimal(value, best->num), best->name, suffix);
  const Unit* dec = &table[0];
  for (const Unit& u : table) {
    std::uint64_t p = u.num;
    while (p % 10 == 0) p /= 10;
    if (u.den == 1 && p == 1 && u.num <= value && u.num > dec->num) dec = &u;
  }
  return fmt::format("{}{}{}", exact_decimal(value, dec->num), dec->name, suffix);
}

std::string three_significant(double v) {
  if (v >= 100) return fmt::format("{:.0f}", v);
  if (v >= 10) return fmt::format("{:.1f}", v);
  return fmt::format("{:.2f}", v);
}

}  // namespace

std::string format_bytes(std::uint64_t bytes) {
  if (bytes == 0) return "0B";
  return format_with(bytes, kSizeUnits, "");
}

std::string format_size(Size size) {
  if (size.in_blocks) return fmt::format("{} blocks", size.value);
  return format_bytes(size.value);
}

std::string format_bandwidth(std::uint64_t bytes_per_s) {
  if (bytes_per_s == 0) return "0B/s";
  return format_with(bytes_per_s, kSizeUnits, "/s");
}

std::string format_time(SimTimeNs ns) {
  if (ns == 0) return "0ns";
  if (ns < 0) return fmt::format("-{}", format_time(-(ns + 1) + 1));
  // Minutes and hours only when exact; otherwise seconds read better ("90s", not "1.5min").
  const auto u = static_cast<std::uint64_t>(ns);
  if (u % 3'600'000'000'000 == 0) return fmt::format("{}h", u / 3'600'000'000'000);
  if (u % 60'000'000'000 == 0) return fmt::format("{}min", u / 60'000'000'000);
  constexpr std::array kSubMinute{kTimeUnits[0], kTimeUnits[1], kTimeUnits[3], kTimeUnits[4]};
  return format_with(u, kSubMinute, "");
}

std::string human_bytes(double bytes) {
  static constexpr std::array<std::string_view, 7> kNames{"B", "KB", "MB", "GB", "TB", "PB", "EB"};
  std::size_t i = 0;
  while (std::fabs(bytes) >= 1000 && i + 1 < kNames.size()) {
    bytes /= 1000;
    ++i;
  }
  if (i == 0) return fmt::format("{:.0f} B", bytes);
  return fmt::format("{} {}", three_significant(bytes), kNames[i]);
}

std::string human_time(double ns) {
  if (ns < 1e3) return fmt::format("{:.0f} ns", ns);
  if (ns < 1e6) return fmt::format("{} us", three_significant(ns / 1e3));
  if (ns < 1e9) return fmt::format("{} ms", three_significant(ns / 1e6));
  return fmt::format("{} s", three_significant(ns / 1e9));
}

std::string human_energy(double joules) {
  if (joules < 1e3) return fmt::format("{} J", three_significant(joules));
  if (joules < 1e6) return fmt::format("{} kJ", three_significant(joules / 1e3));
  if (joules < 1e9) return fmt::format("{} MJ", three_significant(joules / 1e6));
  return fmt::format("{} GJ", three_significant(joules / 1e9));
}

std::string human_count(double count) {
  if (std::fabs(count) < 1e4) return fmt::format("{:.0f}", count);
  if (std::fabs(count) < 1e6) return fmt::format("{}K", three_significant(count / 1e3));
  if (std::fabs(count) < 1e9) return fmt::format("{}M", three_significant(count / 1e6));
  return fmt::format("{}G", three_significant(count / 1e9));
}

}  // namespace kvtier::units
