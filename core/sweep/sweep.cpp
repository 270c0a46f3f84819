#include "core/sweep/sweep.h"

#include <fmt/format.h>

#include "kvtier/error.h"

namespace kvtier {

namespace {
[[noreturn]] void usage(const std::string& message) { throw Error(ExitCode::kUsage, message); }

std::vector<std::string> split_top_level(std::string_view text, std::string_view arg) {
  std::vector<std::string> out;
  int depth = 0;
  char quote = 0;
  std::string item;
  for (const char c : text) {
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[') {
      ++depth;
    } else if (c == ']') {
      --depth;
    } else if (c == ',' && depth == 0) {
      out.push_back(item);
      item.clear();
      continue;
    }
    item += c;
  }
  out.push_back(item);
  if (quote != 0 || depth != 0) usage(fmt::format("--set '{}': unbalanced quotes or brackets", arg));
  for (const std::string& v : out) {
    if (v.find_first_not_of(' ') == std::string::npos) {
      usage(fmt::format("--set '{}': an empty value in the list", arg));
    }
  }
  return out;
}
}  // namespace

std::vector<SweepAxis> parse_sweep(const std::vector<std::string>& sets) {
  std::vector<SweepAxis> axes;
  for (const std::string& arg : sets) {
    const Override o = parse_override(arg);
    for (const SweepAxis& a : axes) {
      if (a.path == o.path) usage(fmt::format("--set {}: given twice; put every value in one comma list", o.path));
    }
    axes.push_back(SweepAxis{o.path, split_top_level(o.value, arg)});
  }
  return axes;
}

std::vector<std::vector<Override>> expand_sweep(const std::vector<SweepAxis>& axes) {
  std::vector<std::vector<Override>> points{{}};
  for (const SweepAxis& axis : axes) {
    std::vector<std::vector<Override>> next;
    next.reserve(points.size() * axis.values.size());
    for (const std::vector<Override>& p : points) {
      for (const std::string& v : axis.values) {
        next.push_back(p);
        next.back().push_back(Override{axis.path, v});
      }
    }
    points = std::move(next);
  }
  return points;
}

}  // namespace kvtier
