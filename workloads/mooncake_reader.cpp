#include "workloads/mooncake_reader.h"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "kvtier/error.h"

namespace kvtier {

namespace {

[[noreturn]] void bad(const std::string& where, std::string_view field, const std::string& why) {
  throw Error(ExitCode::kDataErr, fmt::format("{}: field '{}': {}", where, field, why));
}

const nlohmann::json& field(const nlohmann::json& obj, std::string_view name, const std::string& where) {
  const auto it = obj.find(name);
  if (it == obj.end()) bad(where, name, "missing");
  return *it;
}

std::uint64_t non_negative_integer(const nlohmann::json& v, std::string_view name, const std::string& where) {
  if (v.is_number_unsigned()) return v.get<std::uint64_t>();
  if (v.is_number_integer()) bad(where, name, fmt::format("{} is negative", v.get<std::int64_t>()));
  if (v.is_number_float()) bad(where, name, fmt::format("{} is not an integer (or is out of range)", v.dump()));
  bad(where, name, fmt::format("expected a non-negative integer, got {}", v.type_name()));
}

// "parse error at line 1, column 7: syntax error ..." -> "column 7: syntax error ..."
std::string json_detail(const nlohmann::json::exception& e) {
  std::string what = e.what();
  const auto at = what.find("column");
  if (at != std::string::npos) return what.substr(at);
  const auto bracket = what.find("] ");
  return bracket == std::string::npos ? what : what.substr(bracket + 2);
}

}  // namespace

MooncakeReader::MooncakeReader(std::string path, MooncakeReaderOptions options)
    : path_(std::move(path)), options_(options), in_(path_, std::ios::binary) {
  std::error_code ec;  // an unreadable path is reported below
  if (std::filesystem::is_directory(path_, ec)) {
    throw Error(ExitCode::kNoInput, fmt::format("cannot read trace '{}': a directory, not a file", path_));
  }
  if (!in_) {
    throw Error(ExitCode::kNoInput, fmt::format("cannot open trace '{}': {}", path_, std::strerror(errno)));
  }
}

std::string MooncakeReader::describe() const { return fmt::format("Mooncake trace {}", path_); }

bool MooncakeReader::next(Request& out) {
  if (options_.max_requests != 0 && emitted_ >= options_.max_requests) return false;
  while (std::getline(in_, line_)) {
    ++line_number_;
    if (!line_.empty() && line_.back() == '\r') line_.pop_back();
    if (line_.find_first_not_of(" \t") == std::string::npos) continue;
    const std::string where = fmt::format("{}:{}", path_, line_number_);
    parse_line(line_, where, options_, out);
    if (out.arrival_ns < last_arrival_ns_) {
      bad(where, "timestamp",
          fmt::format("{} ms is before the previous request's {} ms (the trace must be sorted by time)",
                      static_cast<double>(out.arrival_ns) / 1e6 / options_.time_scale,
                      static_cast<double>(last_arrival_ns_) / 1e6 / options_.time_scale));
    }
    last_arrival_ns_ = out.arrival_ns;
    out.index = emitted_++;
    out.session = kNoSession;  // the format has none
    return true;
  }
  if (in_.bad()) throw Error(ExitCode::kIoErr, fmt::format("error reading trace '{}'", path_));
  return false;
}

void MooncakeReader::parse_line(std::string_view line, const std::string& where, const MooncakeReaderOptions& options,
                                Request& out) {
  nlohmann::json obj;
  try {
    obj = nlohmann::json::parse(line);
  } catch (const nlohmann::json::exception& e) {
    throw Error(ExitCode::kDataErr, fmt::format("{}: malformed JSON: {}", where, json_detail(e)));
  }
  if (!obj.is_object()) {
    throw Error(ExitCode::kDataErr, fmt::format("{}: expected a JSON object, got {}", where, obj.type_name()));
  }
  const nlohmann::json& ts = field(obj, "timestamp", where);
  if (!ts.is_number()) bad(where, "timestamp", fmt::format("expected a number of milliseconds, got {}", ts.type_name()));
  const double ms = ts.get<double>();
  if (!(ms >= 0)) bad(where, "timestamp", fmt::format("{} is negative", ts.dump()));
  const double ns = ms * 1e6 * options.time_scale;
  if (!(ns < 9.2e18)) bad(where, "timestamp", fmt::format("{} ms is too large", ts.dump()));
  if (ts.is_number_unsigned() && options.time_scale == 1.0) {
    // Whole milliseconds exactly: an epoch's (1.7e12 ms) in a double would be off by up to 256 ns.
    out.arrival_ns = static_cast<SimTimeNs>(ts.get<std::uint64_t>() * 1'000'000U);
  } else {
    out.arrival_ns = static_cast<SimTimeNs>(std::llround(ns));
  }

  out.input_tokens = non_negative_integer(field(obj, "input_length", where), "input_length", where);
  if (out.input_tokens == 0) bad(where, "input_length", "must be at least 1");
  out.output_tokens = non_negative_integer(field(obj, "output_length", where), "output_length", where);

  const nlohmann::json& ids = field(obj, "hash_ids", where);
  if (!ids.is_array()) bad(where, "hash_ids", fmt::format("expected an array of block ids, got {}", ids.type_name()));
  const std::uint64_t expected = (out.input_tokens + options.block_tokens - 1) / options.block_tokens;
  if (ids.size() != expected) {
    bad(where, "hash_ids",
        fmt::format("{} ids, but input_length {} needs {} blocks of {} tokens", ids.size(), out.input_tokens, expected,
                    options.block_tokens));
  }
  out.blocks.clear();
  out.blocks.reserve(ids.size());
  for (const nlohmann::json& id : ids) {
    if (!id.is_number_unsigned()) {
      if (id.is_number_integer()) bad(where, "hash_ids", fmt::format("id {} is negative", id.get<std::int64_t>()));
      bad(where, "hash_ids", fmt::format("expected integer ids, got {}", id.dump()));
    }
    out.blocks.push_back(id.get<std::uint64_t>());
  }
}

}  // namespace kvtier
