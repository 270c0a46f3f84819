#include "core/report/summary_json.h"

#include "kvtier/version.h"

namespace kvtier {

namespace {
nlohmann::ordered_json flash_json(const FlashSummary& f) {
  using Json = nlohmann::ordered_json;
  Json over_time = Json::array();
  for (const WafSample& w : f.waf_over_time) {
    over_time.push_back({{"start_s", w.start_s}, {"host_bytes", w.host_bytes}, {"nand_bytes", w.nand_bytes}, {"waf", w.waf}});
  }
  return {{"placement", f.placement},
          {"gc", f.gc},
          {"over_provisioning", f.over_provisioning},
          {"logical_bytes", f.logical_bytes},
          {"raw_bytes", f.raw_bytes},
          {"host_written_bytes", f.host_written_bytes},
          {"nand_written_bytes", f.nand_written_bytes},
          {"relocated_bytes", f.relocated_bytes},
          {"waf", f.waf},
          {"erases", f.erases},
          {"pe_mean", f.pe_mean},
          {"pe_max", f.pe_max},
          {"pe_rated", f.pe_rated},
          {"host_bytes_per_day", f.host_bytes_per_day},
          {"nand_bytes_per_day", f.nand_bytes_per_day},
          {"dwpd_required", f.dwpd_required},
          {"dwpd_rated", f.dwpd_rated},
          {"pbw_rated", f.pbw_rated},
          {"life_years", f.life_years},
          {"rated_life_years", f.rated_life_years},
          {"nand_busy_fraction", f.nand_busy_fraction},
          {"gc_busy_fraction", f.gc_busy_fraction},
          {"slc_written_bytes", f.slc_written_bytes},
          {"waf_over_time", over_time}};
}

nlohmann::ordered_json latency_json(const LatencySummary& l) {
  return {{"mean", l.mean_ns}, {"p50", l.p50_ns}, {"p90", l.p90_ns},
          {"p99", l.p99_ns},   {"p999", l.p999_ns}, {"max", l.max_ns}};
}
}  // namespace

nlohmann::ordered_json summary_json(const Summary& s, bool with_run) {
  using Json = nlohmann::ordered_json;
  Json j;
  j["schema_version"] = kSummarySchemaVersion;
  j["kvtier_version"] = kVersion;
  j["complete"] = s.complete;
  if (!s.complete) j["error"] = s.error;
  j["system"] = {{"name", s.system_name},
                 {"instances", s.instances},
                 {"nodes", s.nodes},
                 {"timing", s.timed ? "modelled" : "off"},
                 {"model", s.model},
                 {"kv_dtype", s.kv_dtype},
                 {"accelerator", s.accelerator},
                 {"accelerators_per_instance", s.accelerators_per_instance},
                 {"kv_bytes_per_token", s.kv_bytes_per_token},
                 {"block_tokens", s.block_tokens},
                 {"block_bytes", s.block_bytes}};
  j["workload"] = s.workload;
  j["scheduling"] = {{"router", s.router}, {"layerwise", s.layerwise}};
  j["requests"] = {{"total", s.requests}, {"completed", s.completed}, {"rejected", s.rejected}};
  j["hit_ratio"] = {{"prefix_block_weighted", s.prefix_block_weighted},
                    {"prefix_request_mean", s.prefix_request_mean},
                    {"block", s.block_hit_ratio}};
  if (s.belady) {
    j["belady_bound"] = {{"capacity_blocks", s.belady->capacity_blocks},
                         {"hits", s.belady->hits},
                         {"ratio", s.belady->ratio()},
                         {"gap_to_prefix_block_weighted", s.belady->ratio() - s.prefix_block_weighted}};
  }
  j["blocks"] = {{"accessed", s.block_accesses}, {"prefix_hits", s.prefix_hit_blocks}, {"hits", s.block_hits}};
  Json served = Json::object();
  for (std::size_t i = 0; i < s.tiers.size(); ++i) served[s.tiers[i].name] = s.served_tokens[i];
  j["tokens"] = {{"input", s.input_tokens},
                 {"output", s.output_tokens},
                 {"recomputed", s.recomputed_tokens},
                 {"served", served}};
  if (s.ttft) {
    j["ttft_ns"] = latency_json(*s.ttft);
    j["ttft_parts_mean_ns"] = {{"admission_wait", s.admission_wait_mean_ns},
                               {"load", s.load_mean_ns},
                               {"compute_wait", s.compute_wait_mean_ns},
                               {"prefill", s.prefill_mean_ns}};
    if (s.prefetch) {
      const PrefetchSummary& p = *s.prefetch;
      j["prefetch"] = {{"policy", p.policy},         {"into", p.into},
                       {"requests", p.requests},     {"blocks", p.blocks},
                       {"used_blocks", p.used_blocks}, {"wasted_blocks", p.wasted_blocks},
                       {"wait_mean_ns", p.wait_mean_ns}};
    }
  } else {
    j["ttft_ns"] = nullptr;
  }
  Json tiers = Json::array();
  for (const TierSummary& t : s.tiers) {
    tiers.push_back({{"name", t.name},
                     {"medium", t.medium},
                     {"scope", t.scope},
                     {"eviction", t.eviction},
                     {"admission", t.admission},
                     {"write_policy", t.write_policy},
                     {"copies", t.copies},
                     {"capacity_bytes", t.capacity_bytes},
                     {"capacity_blocks", t.capacity_blocks},
                     {"read_bytes", t.read_bytes},
                     {"written_bytes", t.written_bytes},
                     {"hit_blocks", t.hit_blocks},
                     {"inserted_blocks", t.inserted_blocks},
                     {"evicted_blocks", t.evicted_blocks},
                     {"demoted_blocks", t.demoted_blocks},
                     {"dropped_blocks", t.dropped_blocks},
                     {"refused_blocks", t.refused_blocks},
                     {"promoted_blocks", t.promoted_blocks},
                     {"invalidated_blocks", t.invalidated_blocks},
                     {"written_bytes_per_hit_byte",
                      t.written_bytes_per_hit_byte ? Json(*t.written_bytes_per_hit_byte) : Json(nullptr)},
                     {"peak_used_bytes", t.peak_used_bytes},
                     {"utilization", t.utilization},
                     {"busy_fraction", t.busy_fraction},
                     {"read_bytes_per_s", t.read_bytes_per_s},
                     {"write_bytes_per_s", t.write_bytes_per_s},
                     {"energy_j", t.energy_j},
                     {"cost_usd", t.cost_usd},
                     {"read_transfers", t.read_transfers},
                     {"read_latency_ns", t.read_latency ? latency_json(*t.read_latency) : Json(nullptr)},
                     {"write_transfers", t.write_transfers},
                     {"write_latency_ns", t.write_latency ? latency_json(*t.write_latency) : Json(nullptr)}});
    if (t.flash) tiers.back()["flash"] = flash_json(*t.flash);
  }
  j["tiers"] = tiers;
  Json links = Json::array();
  for (const LinkSummary& l : s.links) {
    links.push_back({{"name", l.name},
                     {"scope", l.scope},
                     {"copies", l.copies},
                     {"up_bytes", l.up_bytes},
                     {"down_bytes", l.down_bytes},
                     {"up_busy_fraction", l.up_busy_fraction},
                     {"down_busy_fraction", l.down_busy_fraction},
                     {"energy_j", l.energy_j}});
  }
  j["links"] = links;
  j["energy_j"] = s.energy_j;
  j["cost_usd"] = s.cost_usd;
  if (s.backing) {
    Json backed = Json::array();
    for (const BackedTierSummary& t : s.backing->tiers) {
      backed.push_back({{"name", t.name},
                        {"store", t.store},
                        {"direct", t.direct},
                        {"frame_bytes", t.frame_bytes},
                        {"written_frames", t.written_frames},
                        {"read_frames", t.read_frames},
                        {"acked_frames", t.acked_frames},
                        {"written_bytes", t.written_bytes},
                        {"read_bytes", t.read_bytes}});
      if (t.measured) {
        const MeasuredTierTiming& m = *t.measured;
        backed.back()["timing"] = {{"reads", m.reads},
                                   {"writes", m.writes},
                                   {"read_extra_ns", m.read_extra_ns},
                                   {"write_extra_ns", m.write_extra_ns},
                                   {"measured_read_mean_ns", m.read_mean_ns},
                                   {"measured_read_p50_ns", m.read_p50_ns},
                                   {"measured_read_p99_ns", m.read_p99_ns},
                                   {"measured_write_mean_ns", m.write_mean_ns},
                                   {"measured_write_p50_ns", m.write_p50_ns},
                                   {"measured_write_p99_ns", m.write_p99_ns},
                                   {"charged_read_mean_ns", m.read_mean_ns + static_cast<double>(m.read_extra_ns)},
                                   {"charged_write_mean_ns", m.write_mean_ns + static_cast<double>(m.write_extra_ns)},
                                   {"modelled_read_ns", m.modelled_read_ns},
                                   {"modelled_write_ns", m.modelled_write_ns}};
      }
    }
    j["backing"] = {{"mode", "real"},
                    {"timing", s.backing->measured ? "measured" : "modelled"},
                    {"ack", s.backing->ack},
                    {"scale", s.backing->scale},
                    {"payload_bytes_per_block", s.backing->payload_bytes},
                    {"dir", s.backing->dir},
                    {"tiers", backed}};
    if (s.backing->resumed) {
      j["backing"]["resumed"] = {{"restored_blocks", s.backing->restored_blocks},
                                 {"dropped_blocks", s.backing->dropped_blocks}};
    }
  }
  if (with_run) {
    j["run"] = {{"wall_s", s.wall_s},
                {"events", s.events},
                {"events_per_s", s.events_per_s},
                {"sim_duration_ns", s.sim_duration_ns},
                {"sim_speedup", s.sim_speedup}};
  }
  return j;
}

std::string render_summary_json(const Summary& s) { return summary_json(s, true).dump(2) + "\n"; }

}  // namespace kvtier
