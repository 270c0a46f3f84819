#include "tiers/backing/ack_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fmt/format.h>

#include "kvtier/error.h"

namespace kvtier {

AckLog::AckLog(const std::string& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) throw Error(ExitCode::kIoErr, fmt::format("{}: cannot open the ack log: {}", path, std::strerror(errno)));
}

AckLog::~AckLog() {
  if (fd_ >= 0) ::close(fd_);
}

void AckLog::line(char sign, std::uint32_t level, std::uint32_t copy, BlockId block, std::uint64_t generation) {
  const std::string text = fmt::format("{} {} {} {:016x} {}\n", sign, level, copy, block, generation);
  const ssize_t n = ::write(fd_, text.data(), text.size());
  if (n != static_cast<ssize_t>(text.size())) {
    throw Error(ExitCode::kIoErr, fmt::format("{}: writing the ack log: {}", path_, n < 0 ? std::strerror(errno) : "short write"));
  }
}

namespace {
// One field of a line: the text up to the next space, or false if there is none.
bool field(std::string_view& rest, std::string_view& out) {
  if (rest.empty()) return false;
  const std::size_t space = rest.find(' ');
  out = rest.substr(0, space);
  rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
  return !out.empty();
}

template <class T>
bool number(std::string_view text, T& out, int base = 10) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out, base);
  return ec == std::errc{} && end == text.data() + text.size();
}
}  // namespace

std::map<AckedBlock, std::uint64_t> parse_ack_log(std::string_view text, const std::string& origin) {
  std::map<AckedBlock, std::uint64_t> acked;
  const std::size_t complete = text.rfind('\n');
  text = complete == std::string_view::npos ? std::string_view{} : text.substr(0, complete + 1);
  std::size_t n = 0;
  while (!text.empty()) {
    ++n;
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(end + 1);
    std::string_view rest = line;
    std::string_view sign, level_s, copy_s, block_s, generation_s;
    std::uint32_t level = 0;
    std::uint32_t copy = 0;
    BlockId block = 0;
    std::uint64_t generation = 0;
    const bool ok = field(rest, sign) && field(rest, level_s) && field(rest, copy_s) && field(rest, block_s) &&
                    field(rest, generation_s) && rest.empty() && (sign == "+" || sign == "-") &&
                    number(level_s, level) && number(copy_s, copy) && block_s.size() == 16 &&
                    number(block_s, block, 16) && number(generation_s, generation);
    if (!ok) {
      std::string shown(line.substr(0, 120));
      for (char& ch : shown) {
        if (static_cast<unsigned char>(ch) < 0x20 || static_cast<unsigned char>(ch) >= 0x7F) ch = '?';
      }
      throw Error(ExitCode::kDataErr, fmt::format("{}:{}: not an ack log line: '{}'", origin, n, shown));
    }
    const AckedBlock key{level, copy, block};
    if (sign == "+") {
      acked[key] = generation;
    } else {
      acked.erase(key);
    }
  }
  return acked;
}

}  // namespace kvtier
