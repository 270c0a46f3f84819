#include "core/report/requirement.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <fmt/format.h>

#include "core/units/units.h"
#include "kvtier/error.h"

namespace kvtier {

namespace {
enum class Kind { kRatio, kTime, kUsd };

struct Metric {
  std::string_view name;
  Kind kind;
};

constexpr std::array<Metric, 8> kRunMetrics{{{"prefix_hit", Kind::kRatio},
                                             {"request_prefix_hit", Kind::kRatio},
                                             {"block_hit", Kind::kRatio},
                                             {"ttft_mean", Kind::kTime},
                                             {"ttft_p50", Kind::kTime},
                                             {"ttft_p90", Kind::kTime},
                                             {"ttft_p99", Kind::kTime},
                                             {"cost_usd", Kind::kUsd}}};

// A tier's: its transfers' latency out of it (read) or into it (write).
constexpr std::array<Metric, 10> kTierMetrics{{{"read_mean", Kind::kTime},
                                               {"read_p50", Kind::kTime},
                                               {"read_p90", Kind::kTime},
                                               {"read_p99", Kind::kTime},
                                               {"read_p999", Kind::kTime},
                                               {"write_mean", Kind::kTime},
                                               {"write_p50", Kind::kTime},
                                               {"write_p90", Kind::kTime},
                                               {"write_p99", Kind::kTime},
                                               {"write_p999", Kind::kTime}}};

template <std::size_t N>
const Metric* find_in(const std::array<Metric, N>& metrics, std::string_view name) {
  for (const Metric& m : metrics) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

const Metric* find_metric(const Requirement& r) {
  return r.tier.empty() ? find_in(kRunMetrics, r.metric) : find_in(kTierMetrics, r.metric);
}

std::optional<double> latency_value(std::string_view stat, const std::optional<LatencySummary>& l) {
  if (!l) return std::nullopt;
  if (stat == "mean") return l->mean_ns;
  if (stat == "p50") return static_cast<double>(l->p50_ns);
  if (stat == "p90") return static_cast<double>(l->p90_ns);
  if (stat == "p99") return static_cast<double>(l->p99_ns);
  return static_cast<double>(l->p999_ns);
}

std::optional<double> parse_number(std::string_view text) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

std::optional<double> tier_value(const Metric& m, const TierSummary& t) {
  const std::string_view n = m.name;
  const bool read = n.starts_with("read_");
  return latency_value(n.substr(n.find('_') + 1), read ? t.read_latency : t.write_latency);
}

std::optional<double> value_of(const Metric& m, const Summary& s) {
  const std::string_view n = m.name;
  if (n == "prefix_hit") return s.prefix_block_weighted;
  if (n == "request_prefix_hit") return s.prefix_request_mean;
  if (n == "block_hit") return s.block_hit_ratio;
  if (n == "cost_usd") return s.cost_usd;
  if (!s.ttft) return std::nullopt;
  if (n == "ttft_mean") return s.ttft->mean_ns;
  if (n == "ttft_p50") return static_cast<double>(s.ttft->p50_ns);
  if (n == "ttft_p90") return static_cast<double>(s.ttft->p90_ns);
  return static_cast<double>(s.ttft->p99_ns);
}

std::string shown(Kind kind, double v) {
  switch (kind) {
    case Kind::kRatio: return fmt::format("{:.2f}%", v * 100);
    case Kind::kTime: return units::human_time(v);
    case Kind::kUsd: return fmt::format("${:.0f}", v);
  }
  return "";
}
}  // namespace

std::string requirement_metrics() {
  std::string tier;
  for (const Metric& m : kTierMetrics) tier += fmt::format("{}TIER.{}", tier.empty() ? "" : ", ", m.name);
  return "prefix_hit, request_prefix_hit, block_hit (ratios: 0.6 or 60%), ttft_mean, ttft_p50, ttft_p90, ttft_p99 "
         "(times: 200ms), cost_usd; per tier, its transfers' latency out of it (read) and into it (write): " +
         tier + " (times)";
}

Requirement parse_requirement(std::string_view text) {
  const auto fail = [&](const std::string& why) -> Requirement {
    throw Error(ExitCode::kUsage, fmt::format("--require '{}': {}", text, why));
  };
  const std::size_t op = text.find_first_of("<>");
  if (op == std::string_view::npos || op + 1 >= text.size() || text[op + 1] != '=') {
    return fail("expected METRIC<=LIMIT or METRIC>=LIMIT, e.g. ttft_p99<=200ms");
  }
  Requirement r;
  r.text = std::string(text);
  const std::string_view name = text.substr(0, op);
  const std::size_t dot = name.find('.');
  r.metric = std::string(dot == std::string_view::npos ? name : name.substr(dot + 1));
  if (dot != std::string_view::npos) {
    r.tier = std::string(name.substr(0, dot));
    if (r.tier.empty()) return fail("expected a tier's name before '.'");
  }
  r.at_most = text[op] == '<';
  const std::string_view limit = text.substr(op + 2);
  const Metric* m = find_metric(r);
  if (m == nullptr) return fail(fmt::format("unknown metric '{}' (choices: {})", name, requirement_metrics()));
  switch (m->kind) {
    case Kind::kRatio: {
      const bool percent = !limit.empty() && limit.back() == '%';
      const auto v = parse_number(percent ? limit.substr(0, limit.size() - 1) : limit);
      if (!v || !(*v >= 0) || *v > (percent ? 100.0 : 1.0)) return fail("expected a ratio in [0, 1] or a percentage");
      r.limit = percent ? *v / 100 : *v;
      break;
    }
    case Kind::kTime:
      try {
        r.limit = static_cast<double>(units::parse_time(limit));
      } catch (const units::UnitError& e) {
        return fail(e.what());
      }
      break;
    case Kind::kUsd: {
      const auto v = parse_number(limit);
      if (!v || !(*v >= 0)) return fail("expected an amount in USD, such as 250000");
      r.limit = *v;
      break;
    }
  }
  return r;
}

std::optional<std::string> shortfall(const Requirement& r, const Summary& s) {
  const std::string name = r.tier.empty() ? r.metric : r.tier + "." + r.metric;
  const Metric* m = find_metric(r);
  if (m == nullptr) return fmt::format("{}: no such metric", name);
  std::optional<double> v;
  if (r.tier.empty()) {
    v = value_of(*m, s);
    if (!v) return fmt::format("{}: not measured (timing off)", name);
  } else {
    const auto t = std::find_if(s.tiers.begin(), s.tiers.end(), [&r](const TierSummary& x) { return x.name == r.tier; });
    if (t == s.tiers.end()) return fmt::format("{}: the system has no tier '{}'", name, r.tier);
    v = tier_value(*m, *t);
    if (!v) return fmt::format("{}: not measured (no such transfer, or timing off)", name);
  }
  if (r.at_most ? *v <= r.limit : *v >= r.limit) return std::nullopt;
  return fmt::format("{} {} {} {}", name, shown(m->kind, *v), r.at_most ? ">" : "<", shown(m->kind, r.limit));
}

}  // namespace kvtier
