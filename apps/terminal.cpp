#include "apps/terminal.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include "core/units/units.h"

namespace kvtier::cli {

namespace {
std::atomic<bool> g_interrupted{false};
bool g_progress_shown = false;

void on_sigint(int /*signal*/) {
  g_interrupted.store(true);
  std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the process at once
}
}  // namespace

void setup_logging() {
  auto logger = spdlog::stderr_color_st("kvtier");
  logger->set_pattern("kvtier: %^%l%$: %v");
  spdlog::set_default_logger(logger);
}

const std::atomic<bool>& interrupt_flag() { return g_interrupted; }

RunControl terminal_control(bool quiet) {
  std::signal(SIGINT, on_sigint);
  RunControl control;
  control.stop = &g_interrupted;
  control.warn = [](std::string_view message) { spdlog::warn("{}", message); };
  if (!quiet && isatty(STDERR_FILENO) == 1) {
    const auto started = std::chrono::steady_clock::now();
    auto last = started;
    control.progress = [started, last](const Progress& p) mutable {
      const auto now = std::chrono::steady_clock::now();
      if (now - last < std::chrono::milliseconds(250)) return;
      last = now;
      const double wall = std::chrono::duration<double>(now - started).count();
      std::fprintf(stderr, "\r[kvtier] %s requests, simulated %s, %s events/s   ",
                   units::human_count(static_cast<double>(p.requests)).c_str(),
                   units::human_time(static_cast<double>(p.sim_now_ns)).c_str(),
                   units::human_count(static_cast<double>(p.events) / wall).c_str());
      g_progress_shown = true;
    };
  }
  return control;
}

void clear_progress() {
  if (g_progress_shown) std::fprintf(stderr, "\r\033[K");
  g_progress_shown = false;
}

}  // namespace kvtier::cli
