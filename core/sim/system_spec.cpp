#include "core/sim/system_spec.h"

#include <algorithm>
#include <fmt/format.h>

#include "core/int128.h"
#include "core/units/units.h"
#include "kvtier/error.h"
#include "tiers/flash/flash_volume.h"
#include "tiers/hierarchy.h"

namespace kvtier {

const ComponentSchema& system_schema() {
  static const ComponentSchema schema{
      "system",
      "system",
      "systems",
      "The whole system: how many instances, which tiers (top to bottom), and how time is modelled.",
      {
          {"name", ParamType::kString, "", "\"kvtier\"", "label for reports"},
          {"instances", ParamType::kInt, "", "1", "serving instances (each with its own first tier)", "", {}, 1, 1e7},
          {"instances_per_node", ParamType::kInt, "", "8", "instances that share a node's node-scoped tiers", "", {}, 1,
           1e7},
          {"tiers", ParamType::kStringList, "", "", "tier sections, top (next to the accelerator) to bottom"},
          {"timing", ParamType::kEnum, "", "\"modelled\"",
           "modelled: transfers and compute take time; off: a cache simulation, every block access in trace order",
           "", {"modelled", "off"}},
          {"router", ParamType::kEnum, "", "\"round_robin\"",
           "how requests are spread over instances: round_robin, least_loaded (fewest waiting or running), "
           "cache_aware (longest cached prefix unless loads are out of balance), session (a session stays on one "
           "instance)",
           "", router_names()},
          {"router_cache_threshold", ParamType::kFloat, "", "0.5",
           "cache_aware: the share of a request's blocks an instance must hold for the prefix to decide",
           "SGLang router cache_threshold default", {}, 0.0, 1.0, "router=cache_aware"},
          {"router_balance_abs", ParamType::kInt, "requests", "32",
           "cache_aware: loads are out of balance when max - min exceeds this ...",
           "SGLang router balance_abs_threshold default", {}, 0, 1e12, "router=cache_aware"},
          {"router_balance_rel", ParamType::kFloat, "", "1.0001", "cache_aware: ... and max exceeds min times this",
           "SGLang router balance_rel_threshold default", {}, 1.0, 1e12, "router=cache_aware"},
          {"session_block", ParamType::kInt, "", "1",
           "session: without session ids in the workload, the block (by position) whose id stands for the session",
           "every request of the Mooncake conversation trace shares block 0", {}, 0, 1e9, "router=session"},
          {"seed", ParamType::kInt, "", "1", "seed of every random choice (synthetic workloads)", "", {}, 0, 9.2e18},
          {"block_tokens", ParamType::kInt, "tokens", "512",
           "tokens per KV block; must match the trace's (Mooncake: 512)", "", {}, 1, 1e9},
      }};
  return schema;
}

namespace {
SchedulerSpec build_scheduler(const Section& s, const SystemSpec& system) {
  SchedulerSpec spec = parse_scheduler(s);
  if (spec.layerwise && !system.timed) s.fail("layerwise", "overlaps loads with prefill in time: it needs system.timing = \"modelled\"");
  if (spec.prefetch == PrefetchPolicy::kOff) return spec;
  if (!system.timed) s.fail("prefetch", "prefetching takes time to pay off: it needs system.timing = \"modelled\"");
  const std::string& into = s.get_string("prefetch_into");
  if (into.empty()) {
    spec.prefetch_level = 1;
  } else {
    const auto it = std::find_if(system.tiers.begin(), system.tiers.end(),
                                 [&](const TierSpec& t) { return t.name == into; });
    if (it == system.tiers.end()) s.fail("prefetch_into", fmt::format("no tier is named '{}'", into));
    spec.prefetch_level = static_cast<std::size_t>(it - system.tiers.begin());
  }
  if (spec.prefetch_level == 0) {
    s.fail("prefetch_into", "the first tier is loaded at admission; prefetch into a tier below it");
  }
  if (spec.prefetch_level + 1 >= system.tiers.size()) {
    s.fail(into.empty() ? "prefetch" : "prefetch_into",
           fmt::format("prefetching into '{}' needs a tier below it to prefetch from",
                       system.tiers[std::min(spec.prefetch_level, system.tiers.size() - 1)].name));
  }
  return spec;
}

// A per-device link has as many copies as the devices of the one tier whose links start
// with it: that tier's drives each have theirs.
std::int64_t devices_behind(const Section& link, const std::vector<TierSpec>& tiers) {
  const TierSpec* behind = nullptr;
  for (const TierSpec& t : tiers) {
    if (t.links.empty() || t.links.front() != link.short_name()) continue;
    if (behind != nullptr) {
      link.fail("per_device", fmt::format("the links of '{}' and '{}' both start with it: whose devices does it follow?",
                                          behind->name, t.name));
    }
    behind = &t;
  }
  if (behind == nullptr) {
    link.fail("per_device", "no tier's links start with it, so it has no tier's devices to follow");
  }
  return behind->count;
}
}  // namespace

SystemSpec build_system_spec(const ResolvedConfig& config) {
  const Section& sys = config.section("system");
  SystemSpec spec;
  spec.name = sys.get_string("name");
  spec.instances = static_cast<std::size_t>(sys.get_int("instances"));
  spec.instances_per_node = static_cast<std::size_t>(sys.get_int("instances_per_node"));
  spec.timed = sys.get_string("timing") == "modelled";
  spec.seed = static_cast<std::uint64_t>(sys.get_int("seed"));
  spec.block_tokens = static_cast<std::uint64_t>(sys.get_int("block_tokens"));
  spec.model = parse_model(config.section("model"));
  spec.instance = parse_instance(config.section("instance"));
  spec.router.name = sys.get_string("router");
  spec.router.cache_aware.cache_threshold = sys.get_float("router_cache_threshold");
  spec.router.cache_aware.balance_abs = static_cast<std::uint64_t>(sys.get_int("router_balance_abs"));
  spec.router.cache_aware.balance_rel = sys.get_float("router_balance_rel");
  spec.router.session_block = static_cast<std::size_t>(sys.get_int("session_block"));
  const UInt128 block_bytes = static_cast<UInt128>(spec.block_tokens) * spec.model.kv_bytes_per_token();
  if (block_bytes == 0 || block_bytes > (UInt128{1} << 50)) {
    sys.fail("block_tokens", fmt::format("gives {}-byte blocks for {}", static_cast<std::uint64_t>(block_bytes),
                                         spec.model.name));
  }
  spec.block_bytes = static_cast<std::uint64_t>(block_bytes);

  const std::vector<std::string>& names = sys.get_list("tiers");
  if (names.empty()) sys.fail("tiers", "must name at least one tier");
  if (names.size() > kMaxLevels) sys.fail("tiers", fmt::format("at most {} tiers", kMaxLevels));
  std::vector<std::string> used_links;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (std::count(names.begin(), names.end(), names[i]) > 1) {
      sys.fail("tiers", fmt::format("'{}' is listed twice", names[i]));
    }
    const Section* s = config.find("tiers." + names[i]);
    if (s == nullptr) sys.fail("tiers", fmt::format("names '{}', but there is no [tiers.{}]", names[i], names[i]));
    TierSpec t = parse_tier(*s);
    if (i == 0) {
      if (t.scope != Scope::kInstance) s->fail("scope", "the first tier belongs to one instance: scope = \"instance\"");
      if (!t.links.empty()) s->fail("links", "the first tier is next to the accelerator: leave links empty");
      if (t.write_policy != "back") s->fail("write_policy", "the first tier holds every block it computes: leave it \"back\"");
      if (t.inclusion != "none") s->fail("inclusion", "applies to a tier below the first");
      if (t.admission != "all") s->fail("admission", "the first tier takes every block it computes: leave it \"all\"");
    } else {
      if (t.scope < spec.tiers.back().scope) {
        s->fail("scope", fmt::format("'{}' is narrower than the tier above ('{}' is {}); lower tiers are as wide or "
                                     "wider",
                                     scope_name(t.scope), spec.tiers.back().name, scope_name(spec.tiers.back().scope)));
      }
      for (const std::string& link : t.links) {
        if (config.find("links." + link) == nullptr) {
          s->fail("links", fmt::format("names '{}', but there is no [links.{}]", link, link));
        }
        if (std::count(t.links.begin(), t.links.end(), link) > 1) {
          s->fail("links", fmt::format("names '{}' twice", link));
        }
        used_links.push_back(link);
      }
    }
    const std::int64_t devices = t.count * (i == 0 ? spec.instance.accelerators : 1);
    const UInt128 capacity_blocks =
        t.capacity.in_blocks ? UInt128{t.capacity.value} * static_cast<std::uint64_t>(devices)
                             : UInt128{t.capacity.value} * static_cast<std::uint64_t>(devices) / spec.block_bytes;
    if (capacity_blocks == 0) {
      s->fail("capacity", fmt::format("{} holds no {} block ({} tokens of {})", units::format_size(t.capacity),
                                      units::human_bytes(static_cast<double>(spec.block_bytes)), spec.block_tokens,
                                      spec.model.name));
    }
    if (t.nand_model) {
      // The FTL refuses NAND it cannot garbage-collect; say so as a configuration error.
      const std::uint64_t logical_bytes =
          flash_logical_bytes(t.capacity, devices, static_cast<std::uint64_t>(capacity_blocks), spec.block_bytes);
      try {
        const Ftl probe(ftl_config(t.nand, logical_bytes, 0));
      } catch (const std::exception& e) {
        s->fail("over_provisioning", e.what());
      }
    }
    spec.tiers.push_back(std::move(t));
  }
  for (const Section* s : config.group("tiers")) {
    if (std::find(names.begin(), names.end(), s->short_name()) == names.end()) {
      throw Error(ExitCode::kConfig,
                  fmt::format("{}: [{}] is not listed in system.tiers; list it there or remove it", s->origin(),
                              s->name()));
    }
  }
  if (config.group("links").size() > kMaxLinks) {
    throw Error(ExitCode::kConfig, fmt::format("{}: at most {} links", config.origin(), kMaxLinks));
  }
  for (const Section* s : config.group("links")) {
    if (std::find(used_links.begin(), used_links.end(), s->short_name()) == used_links.end()) {
      throw Error(ExitCode::kConfig,
                  fmt::format("{}: [{}] is not used by any tier's link; use it or remove it", s->origin(), s->name()));
    }
    LinkSpec link = parse_link(*s);
    if (link.per_device) link.devices = devices_behind(*s, spec.tiers);
    spec.links.push_back(std::move(link));
  }
  spec.scheduler = build_scheduler(config.section("scheduler"), spec);
  return spec;
}

}  // namespace kvtier
