#include "core/config/presets.h"

#include <algorithm>

#include "core/config/embedded_files.h"

namespace kvtier {

namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

template <class F>
void for_each_line(std::string_view text, F&& f) {
  while (!text.empty()) {
    const auto nl = text.find('\n');
    f(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
}
}  // namespace

std::optional<std::string_view> find_preset(std::string_view dir, std::string_view name) {
  for (const EmbeddedFile& f : embedded_files()) {
    const std::string_view p = f.path;
    if (p.size() == dir.size() + 1 + name.size() + 5 && p.substr(0, dir.size()) == dir && p[dir.size()] == '/' &&
        p.substr(dir.size() + 1, name.size()) == name && p.substr(p.size() - 5) == ".toml") {
      return f.text;
    }
  }
  return std::nullopt;
}

std::vector<std::string> preset_names(std::string_view dir) {
  std::vector<std::string> names;
  for (const EmbeddedFile& f : embedded_files()) {
    const std::string_view p = f.path;
    if (p.size() > dir.size() + 6 && p.substr(0, dir.size()) == dir && p[dir.size()] == '/' &&
        p.substr(p.size() - 5) == ".toml") {
      names.emplace_back(p.substr(dir.size() + 1, p.size() - dir.size() - 6));
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::map<std::string, std::string> source_comments(std::string_view text) {
  std::map<std::string, std::string> out;
  for_each_line(text, [&](std::string_view line) {
    const auto eq = line.find('=');
    const auto marker = line.find("# source:");
    if (eq == std::string_view::npos || marker == std::string_view::npos || marker < eq) return;
    const std::string_view key = trim(line.substr(0, eq));
    if (key.empty() || key.front() == '#') return;
    out[std::string(key)] = std::string(trim(line.substr(marker + 9)));
  });
  return out;
}

std::string preset_description(std::string_view text) {
  std::string out;
  bool done = false;
  for_each_line(text, [&](std::string_view line) {
    if (done) return;
    line = trim(line);
    if (line.size() >= 1 && line.front() == '#') {
      line.remove_prefix(1);
      if (!out.empty()) out += ' ';
      out += trim(line);
    } else {
      done = true;
    }
  });
  return out;
}

}  // namespace kvtier
