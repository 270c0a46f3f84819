#include <fmt/format.h>

#include "core/report/summary.h"
#include "core/report/text_table.h"
#include "core/units/units.h"

namespace kvtier {

namespace {

std::string bytes(std::uint64_t b) { return units::human_bytes(static_cast<double>(b)); }
}  // namespace

std::string render_summary_table(const Summary& s, const std::string& results_dir) {
  std::string out;
  out += fmt::format("kvtier: {}: {} instance{} of {}x {}, {} ({}), {}-token blocks of {}\n", s.system_name,
                     s.instances, s.instances == 1 ? "" : "s", s.accelerators_per_instance, s.accelerator, s.model,
                     s.kv_dtype, s.block_tokens, bytes(s.block_bytes));
  out += fmt::format("workload: {}\n", s.workload);
  out += fmt::format("requests: {} ({} completed, {} rejected) over {} simulated{}\n\n", s.requests, s.completed,
                     s.rejected, units::human_time(static_cast<double>(s.sim_duration_ns)),
                     s.timed ? "" : ", timing off");
  if (!s.complete) out += fmt::format("INCOMPLETE: {}\n\n", s.error);

  out += "hit ratio\n";
  std::vector<std::vector<std::string>> hits{{"prefix, block-weighted", percent(s.prefix_block_weighted)},
                                             {"prefix, mean per request", percent(s.prefix_request_mean)},
                                             {"any block (cache-simulator view)", percent(s.block_hit_ratio)}};
  if (s.belady) {
    hits.push_back({fmt::format("Belady bound, all tiers' {} blocks",
                                units::human_count(static_cast<double>(s.belady->capacity_blocks))),
                    fmt::format("{} (gap {:.1f} pp)", percent(s.belady->ratio()),
                                (s.belady->ratio() - s.prefix_block_weighted) * 100)});
  }
  out += text_table(hits);
  out += "\ntokens\n";
  std::vector<std::vector<std::string>> tokens{{"input", units::human_count(static_cast<double>(s.input_tokens))},
                                               {"recomputed", units::human_count(static_cast<double>(s.recomputed_tokens))}};
  for (std::size_t i = 0; i < s.tiers.size(); ++i) {
    tokens.push_back({"from " + s.tiers[i].name, units::human_count(static_cast<double>(s.served_tokens[i]))});
  }
  out += text_table(tokens);
  if (s.ttft) {
    out += "\ntime to first token\n";
    out += text_table({{"mean", "p50", "p90", "p99", "max"},
                  {units::human_time(s.ttft->mean_ns), units::human_time(static_cast<double>(s.ttft->p50_ns)),
                   units::human_time(static_cast<double>(s.ttft->p90_ns)),
                   units::human_time(static_cast<double>(s.ttft->p99_ns)),
                   units::human_time(static_cast<double>(s.ttft->max_ns))}});
    out += fmt::format("  mean parts: admission wait {}, load {}, compute wait {}, prefill {}\n",
                       units::human_time(s.admission_wait_mean_ns), units::human_time(s.load_mean_ns),
                       units::human_time(s.compute_wait_mean_ns), units::human_time(s.prefill_mean_ns));
  }

  if (s.prefetch) {
    const PrefetchSummary& p = *s.prefetch;
    out += fmt::format("  prefetch ({} into {}): {} requests, {} blocks, {} used, {} wasted; mean wait {}\n",
                       p.policy, p.into, units::human_count(static_cast<double>(p.requests)),
                       units::human_count(static_cast<double>(p.blocks)),
                       units::human_count(static_cast<double>(p.used_blocks)),
                       units::human_count(static_cast<double>(p.wasted_blocks)), units::human_time(p.wait_mean_ns));
  }

  out += "\ntiers\n";
  std::vector<std::vector<std::string>> tiers{
      {"tier", "scope", "copies", "capacity", "peak used", "util", "busy", "read", "written"}};
  for (const TierSummary& t : s.tiers) {
    tiers.push_back({t.name, t.scope, std::to_string(t.copies), bytes(t.capacity_bytes), bytes(t.peak_used_bytes),
                     percent(t.utilization), s.timed ? percent(t.busy_fraction) : "-", bytes(t.read_bytes),
                     bytes(t.written_bytes)});
  }
  out += text_table(tiers);
  out += "\nblocks by tier\n";
  const auto count = [](std::uint64_t n) { return units::human_count(static_cast<double>(n)); };
  std::vector<std::vector<std::string>> blocks{{"tier", "eviction", "admission", "write", "hits", "refused",
                                                "evicted", "demoted", "dropped", "promoted", "written/hit"}};
  for (std::size_t i = 0; i < s.tiers.size(); ++i) {
    const TierSummary& t = s.tiers[i];
    blocks.push_back({t.name, t.eviction, i == 0 ? "-" : t.admission, i == 0 ? "-" : t.write_policy,
                      count(t.hit_blocks), count(t.refused_blocks), count(t.evicted_blocks), count(t.demoted_blocks),
                      count(t.dropped_blocks), count(t.promoted_blocks),
                      t.written_bytes_per_hit_byte ? fmt::format("{:.2f}", *t.written_bytes_per_hit_byte) : "-"});
  }
  out += text_table(blocks);
  std::vector<std::vector<std::string>> latency{
      {"tier", "direction", "transfers", "mean", "p50", "p90", "p99", "p99.9", "max"}};
  const auto time = [](std::uint64_t ns) { return units::human_time(static_cast<double>(ns)); };
  const auto latency_row = [&](const TierSummary& t, const char* dir, std::uint64_t n,
                               const std::optional<LatencySummary>& l) {
    if (!l) return;
    latency.push_back({t.name, dir, count(n), units::human_time(l->mean_ns), time(l->p50_ns), time(l->p90_ns),
                       time(l->p99_ns), time(l->p999_ns), time(l->max_ns)});
  };
  for (const TierSummary& t : s.tiers) {
    latency_row(t, "out (read)", t.read_transfers, t.read_latency);
    latency_row(t, "in (write)", t.write_transfers, t.write_latency);
  }
  if (latency.size() > 1) {
    out += "\ntransfer latency (each transfer, from when its data could leave to when its last byte landed)\n";
    out += text_table(latency);
  }
  std::vector<std::vector<std::string>> flash{
      {"flash tier", "placement", "host written", "NAND written", "WAF", "erases", "P/E mean/max", "DWPD need/rated", "life",
       "NAND busy", "GC busy"}};
  for (const TierSummary& t : s.tiers) {
    if (!t.flash) continue;
    const FlashSummary& f = *t.flash;
    flash.push_back({t.name, f.placement, bytes(f.host_written_bytes), bytes(f.nand_written_bytes),
                     fmt::format("{:.2f}", f.waf), count(f.erases), fmt::format("{:.2f}/{}", f.pe_mean, f.pe_max),
                     fmt::format("{:.2f}/{:.2f}", f.dwpd_required, f.dwpd_rated),
                     f.life_years > 0 ? fmt::format("{:.1f} y", f.life_years) : "-",
                     s.timed ? percent(f.nand_busy_fraction) : "-", s.timed ? percent(f.gc_busy_fraction) : "-"});
  }
  if (flash.size() > 1) {
    out += "\nflash\n";
    out += text_table(flash);
  }
  if (s.backing) {
    const BackingSummary& b = *s.backing;
    out += fmt::format("\nreal backing (ack {}; {} stored of each {} block, scale {:.6g}; {})\n", b.ack,
                       bytes(b.payload_bytes), bytes(s.block_bytes), b.scale, b.dir);
    std::vector<std::vector<std::string>> backed{{"tier", "store", "frames written", "read (checked)", "in directory",
                                                  "bytes written", "bytes read"}};
    for (const BackedTierSummary& t : b.tiers) {
      backed.push_back({t.name, t.store == "io_uring" ? (t.direct ? "io_uring, O_DIRECT" : "io_uring, buffered") : "RAM",
                        count(t.written_frames), count(t.read_frames), t.store == "ram" ? "-" : count(t.acked_frames),
                        bytes(t.written_bytes), bytes(t.read_bytes)});
    }
    out += text_table(backed);
    if (b.resumed) {
      out += fmt::format("resumed: {} blocks restored to their tiers, {} dropped (missing, corrupt or without room)\n",
                         count(b.restored_blocks), count(b.dropped_blocks));
    }
    std::vector<std::vector<std::string>> timing{{"flash tier", "reads", "measured p50/p99", "per block: measured", "modelled",
                                                  "writes", "measured p50/p99", "per block: measured", "modelled"}};
    const auto t_ns = [](double ns) { return units::human_time(ns); };
    for (const BackedTierSummary& t : b.tiers) {
      if (!t.measured) continue;
      const MeasuredTierTiming& m = *t.measured;
      timing.push_back({t.name, count(m.reads),
                        t_ns(static_cast<double>(m.read_p50_ns)) + "/" + t_ns(static_cast<double>(m.read_p99_ns)),
                        t_ns(m.read_mean_ns + static_cast<double>(m.read_extra_ns)),
                        t_ns(static_cast<double>(m.modelled_read_ns)), count(m.writes),
                        t_ns(static_cast<double>(m.write_p50_ns)) + "/" + t_ns(static_cast<double>(m.write_p99_ns)),
                        t_ns(m.write_mean_ns + static_cast<double>(m.write_extra_ns)),
                        t_ns(static_cast<double>(m.modelled_write_ns))});
    }
    if (timing.size() > 1) {
      out += "\nmeasured timing (I/Os at the stored size; per block: their mean plus the unstored bytes at the modelled "
             "rate, as the ports were held)\n";
      out += text_table(timing);
    }
  }
  if (!s.links.empty() && s.timed) {
    out += "\nlinks\n";
    std::vector<std::vector<std::string>> links{{"link", "scope", "copies", "up (loads)", "busy", "down (demotions)", "busy"}};
    for (const LinkSummary& l : s.links) {
      links.push_back({l.name, l.scope, std::to_string(l.copies), bytes(l.up_bytes), percent(l.up_busy_fraction),
                       bytes(l.down_bytes), percent(l.down_busy_fraction)});
    }
    out += text_table(links);
  }
  out += fmt::format("\nenergy {} moving KV data; tier capacity at list price ${}\n", units::human_energy(s.energy_j),
                     units::human_count(s.cost_usd));
  if (!results_dir.empty()) out += fmt::format("results: {}/ (summary.json, report.html, metrics.prom, config.resolved.toml)\n", results_dir);
  out += fmt::format("run: {:.3f} s wall, {} events ({}/s), {}x real time\n", s.wall_s,
                     units::human_count(static_cast<double>(s.events)), units::human_count(s.events_per_s),
                     units::human_count(s.sim_speedup));
  return out;
}

}  // namespace kvtier
