#include "workloads/azure_reader.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>

#include "kvtier/error.h"

namespace kvtier {

namespace {

constexpr std::string_view kHeader = "TIMESTAMP,ContextTokens,GeneratedTokens";
constexpr std::int64_t kNsPerSecond = 1'000'000'000;

[[noreturn]] void bad(const std::string& where, std::string_view field, const std::string& why) {
  throw Error(ExitCode::kDataErr, fmt::format("{}: field '{}': {}", where, field, why));
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Exactly `digits` decimal digits at `s[at]`, or -1.
int fixed_digits(std::string_view s, std::size_t at, std::size_t digits) {
  if (at + digits > s.size()) return -1;
  int v = 0;
  for (std::size_t i = at; i < at + digits; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// Days from 1970-01-01 to a date of the proleptic Gregorian calendar, counting years
// from March so that the leap day falls at the end of each.
std::int64_t days_since_epoch(int year, int month, int day) {
  const int y = month <= 2 ? year - 1 : year;
  const int era = y / 400;  // y >= 1969 here, so no negative division
  const int year_of_era = y - era * 400;
  const int day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return static_cast<std::int64_t>(era) * 146'097 + day_of_era - 719'468;
}

bool leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// "YYYY-MM-DD HH:MM:SS[.fffffffff]" (a 'T' may stand for the space) -> ns since 1970 UTC.
std::int64_t parse_time(std::string_view s, const std::string& where) {
  const auto fail = [&](const std::string& why) { bad(where, "TIMESTAMP", why); };
  const std::string shown(s.substr(0, 40));
  const int year = fixed_digits(s, 0, 4);
  const int month = fixed_digits(s, 5, 2);
  const int day = fixed_digits(s, 8, 2);
  const int hour = fixed_digits(s, 11, 2);
  const int minute = fixed_digits(s, 14, 2);
  const int second = fixed_digits(s, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || s[4] != '-' || s[7] != '-' ||
      (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':') {
    fail(fmt::format("'{}' is not a time of the form 2023-11-16 18:17:03.9799600", shown));
  }
  if (year < 1970 || year > 2200) fail(fmt::format("year {} is outside 1970 .. 2200", year));
  static constexpr int kDaysIn[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) fail(fmt::format("month {} is not 1 .. 12", month));
  const int days_in_month = kDaysIn[month - 1] + (month == 2 && leap(year) ? 1 : 0);
  if (day < 1 || day > days_in_month) fail(fmt::format("day {} is not in {}-{:02}", day, year, month));
  if (hour > 23 || minute > 59 || second > 59) fail(fmt::format("'{}' is not a time of day", shown.substr(11, 8)));
  std::int64_t fraction_ns = 0;
  if (s.size() > 19) {
    if (s[19] != '.' || s.size() == 20 || s.size() > 29) {
      fail(fmt::format("'{}': expected '.' and 1 to 9 decimals after the seconds", shown));
    }
    std::int64_t scale = kNsPerSecond;
    for (std::size_t i = 20; i < s.size(); ++i) {
      if (s[i] < '0' || s[i] > '9') fail(fmt::format("'{}': the decimals must be digits", shown));
      scale /= 10;
      fraction_ns += (s[i] - '0') * scale;
    }
  }
  const std::int64_t seconds =
      ((days_since_epoch(year, month, day) * 24 + hour) * 60 + minute) * 60 + second;
  return seconds * kNsPerSecond + fraction_ns;
}

std::uint64_t parse_count(std::string_view s, std::string_view field, const std::string& where) {
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec == std::errc::invalid_argument || end != s.data() + s.size()) {
    if (!s.empty() && s.front() == '-') bad(where, field, fmt::format("{} is negative", s));
    bad(where, field, fmt::format("'{}' is not a whole number of tokens", s.substr(0, 40)));
  }
  if (ec == std::errc::result_out_of_range || v > (std::uint64_t{1} << 40)) {
    bad(where, field, fmt::format("{} tokens is out of range (at most 2^40)", s.substr(0, 40)));
  }
  return v;
}

}  // namespace

AzureReader::AzureReader(std::string path, AzureReaderOptions options)
    : path_(std::move(path)),
      options_(options),
      prefix_(options.prefix, options.block_tokens, options.seed),
      in_(path_, std::ios::binary) {
  std::error_code ec;  // an unreadable path is reported below
  if (std::filesystem::is_directory(path_, ec)) {
    throw Error(ExitCode::kNoInput, fmt::format("cannot read trace '{}': a directory, not a file", path_));
  }
  if (!in_) {
    throw Error(ExitCode::kNoInput, fmt::format("cannot open trace '{}': {}", path_, std::strerror(errno)));
  }
}

std::string AzureReader::describe() const {
  return fmt::format("Azure trace {}, modelled prefixes: {} system prompts, continue_share {:g}", path_,
                     options_.prefix.system_prompts, options_.prefix.continue_share);
}

AzureRow AzureReader::parse_line(std::string_view line, const std::string& where) {
  const auto count = static_cast<std::size_t>(std::count(line.begin(), line.end(), ',')) + 1;
  if (count != 3) {
    throw Error(ExitCode::kDataErr,
                fmt::format("{}: expected 3 comma-separated fields (TIMESTAMP,ContextTokens,GeneratedTokens), got {}",
                            where, count));
  }
  const std::size_t first = line.find(',');
  const std::size_t second = line.find(',', first + 1);
  const std::string_view fields[3] = {trim(line.substr(0, first)), trim(line.substr(first + 1, second - first - 1)),
                                      trim(line.substr(second + 1))};
  AzureRow row;
  row.time_ns = parse_time(fields[0], where);
  row.context_tokens = parse_count(fields[1], "ContextTokens", where);
  if (row.context_tokens == 0) bad(where, "ContextTokens", "must be at least 1");
  row.generated_tokens = parse_count(fields[2], "GeneratedTokens", where);
  return row;
}

bool AzureReader::next(Request& out) {
  if (options_.max_requests != 0 && emitted_ >= options_.max_requests) return false;
  while (std::getline(in_, line_)) {
    ++line_number_;
    if (!line_.empty() && line_.back() == '\r') line_.pop_back();
    if (trim(line_).empty()) continue;
    const std::string where = fmt::format("{}:{}", path_, line_number_);
    if (!header_read_) {
      if (line_.rfind("\xEF\xBB\xBF", 0) == 0) line_.erase(0, 3);  // a UTF-8 byte order mark
      if (trim(line_) != kHeader) {
        throw Error(ExitCode::kDataErr,
                    fmt::format("{}: expected the Azure trace header '{}', got '{}'", where, kHeader,
                                std::string_view(line_).substr(0, 60)));
      }
      header_read_ = true;
      continue;
    }
    const AzureRow row = parse_line(line_, where);
    if (emitted_ == 0) first_time_ns_ = last_time_ns_ = row.time_ns;
    if (row.time_ns < last_time_ns_) {
      bad(where, "TIMESTAMP",
          fmt::format("{:.6f} s after the first request is before the previous request's {:.6f} s (the trace must "
                      "be sorted by time)",
                      static_cast<double>(row.time_ns - first_time_ns_) / 1e9,
                      static_cast<double>(last_time_ns_ - first_time_ns_) / 1e9));
    }
    last_time_ns_ = row.time_ns;
    const double ns = static_cast<double>(row.time_ns - first_time_ns_) * options_.time_scale;
    if (!(ns < 9.2e18)) bad(where, "TIMESTAMP", "too far after the first request once scaled");
    out.arrival_ns = static_cast<SimTimeNs>(std::llround(ns));
    out.input_tokens = row.context_tokens;
    out.output_tokens = row.generated_tokens;
    prefix_.assign(out);
    out.index = emitted_++;
    return true;
  }
  if (in_.bad()) throw Error(ExitCode::kIoErr, fmt::format("error reading trace '{}'", path_));
  if (!header_read_) {
    throw Error(ExitCode::kDataErr, fmt::format("{}: empty: expected the header '{}'", path_, kHeader));
  }
  return false;
}

}  // namespace kvtier
