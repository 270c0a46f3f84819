#include "workloads/mooncake_writer.h"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>

#include "kvtier/error.h"

namespace kvtier {

MooncakeWriter::MooncakeWriter(std::string path) : path_(std::move(path)), out_(path_, std::ios::binary) {
  if (!out_) throw Error(ExitCode::kIoErr, fmt::format("cannot create '{}': {}", path_, std::strerror(errno)));
}

void MooncakeWriter::write(const Request& r) {
  line_.clear();
  // Milliseconds, exact: whole numbers where they are, else with nanosecond decimals.
  const SimTimeNs ms = r.arrival_ns / 1'000'000;
  const SimTimeNs rest = r.arrival_ns % 1'000'000;
  if (rest == 0) {
    fmt::format_to(std::back_inserter(line_), "{{\"timestamp\": {}", ms);
  } else {
    fmt::format_to(std::back_inserter(line_), "{{\"timestamp\": {}.{:06d}", ms, rest);
  }
  fmt::format_to(std::back_inserter(line_), ", \"input_length\": {}, \"output_length\": {}, \"hash_ids\": [",
                 r.input_tokens, r.output_tokens);
  for (std::size_t i = 0; i < r.blocks.size(); ++i) {
    const auto [it, inserted] = dense_ids_.try_emplace(r.blocks[i], dense_ids_.size());
    fmt::format_to(std::back_inserter(line_), "{}{}", i == 0 ? "" : ", ", it->second);
  }
  line_ += "]}\n";
  out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
  if (!out_) throw Error(ExitCode::kIoErr, fmt::format("error writing '{}'", path_));
}

void MooncakeWriter::close() {
  out_.close();
  if (!out_) throw Error(ExitCode::kIoErr, fmt::format("error writing '{}'", path_));
}

}  // namespace kvtier
