// Unit-bearing strings in configuration: sizes, bandwidths and times.
//
// Decimal prefixes are powers of ten (KB, MB, GB, TB, PB; kB is accepted), binary prefixes
// are powers of two (KiB ... PiB). A lower-case "b" means bits, so "25Gb/s" is 3.125 GB/s.
// Numbers are parsed as exact decimals, so "1.5TB" is exactly 1,500,000,000,000 bytes; a
// result that is not a whole number of bytes (or nanoseconds) is rounded to the nearest.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "kvtier/sim_time.h"

namespace kvtier::units {

// Thrown for a string that is not a valid quantity. what() quotes the string and says
// what was expected; callers add where the string came from.
class UnitError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// A capacity: either bytes, or a number of KV blocks ("100000 blocks") that is turned into
// bytes once the block size is known.
struct Size {
  std::uint64_t value = 0;
  bool in_blocks = false;
  friend bool operator==(const Size&, const Size&) = default;
};

Size parse_size(std::string_view text);
// Bytes per second.
std::uint64_t parse_bandwidth(std::string_view text);
SimTimeNs parse_time(std::string_view text);

// Shortest exact rendering: "64GiB", "80GB", "1.5TB", "100000 blocks". Round-trips through
// the matching parse function.
std::string format_size(Size size);
std::string format_bytes(std::uint64_t bytes);
std::string format_bandwidth(std::uint64_t bytes_per_s);
std::string format_time(SimTimeNs ns);

// Human-readable, rounded to three significant figures, for tables ("61.4 GB", "1.23 ms").
std::string human_bytes(double bytes);
std::string human_time(double ns);
std::string human_count(double count);
std::string human_energy(double joules);

}  // namespace kvtier::units
