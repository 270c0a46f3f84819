#include "core/embed/cosim_session.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <vector>

namespace kvtier {

namespace {
using Json = nlohmann::ordered_json;

constexpr std::string_view kOps = "info, use, insert, transfer, find, counters";

// A request's fields, read with the checks every op shares.
class Fields {
 public:
  explicit Fields(const Json& request) : request_(request) {}

  [[noreturn]] void fail(std::string_view field, std::string_view what) const {
    throw Error(ExitCode::kDataErr, fmt::format("field '{}': {}", field, what));
  }
  // Contract: every field of the request is in `allowed` (with "op" and "id").
  void only(std::initializer_list<std::string_view> allowed) const {
    for (const auto& [key, value] : request_.items()) {
      if (key == "op" || key == "id") continue;
      bool known = false;
      for (const std::string_view a : allowed) known = known || key == a;
      if (!known) fail(key, "unknown for this op");
    }
  }
  std::uint64_t unsigned_field(std::string_view name, std::optional<std::uint64_t> fallback = std::nullopt) const {
    const auto it = request_.find(name);
    if (it == request_.end()) {
      if (fallback) return *fallback;
      fail(name, "missing");
    }
    if (!it->is_number_unsigned()) fail(name, "must be an unsigned integer");
    return it->get<std::uint64_t>();
  }
  bool bool_field(std::string_view name, bool fallback) const {
    const auto it = request_.find(name);
    if (it == request_.end()) return fallback;
    if (!it->is_boolean()) fail(name, "must be true or false");
    return it->get<bool>();
  }
  SimTimeNs time_field(std::string_view name) const {
    const auto it = request_.find(name);
    if (it == request_.end()) fail(name, "missing");
    if (!it->is_number_integer()) fail(name, "must be an integer (nanoseconds)");
    if (it->is_number_unsigned() && it->get<std::uint64_t>() > static_cast<std::uint64_t>(kSimTimeNever)) {
      fail(name, "is beyond the largest time (2^63 - 1 ns)");
    }
    const auto t = it->get<SimTimeNs>();
    if (t < 0) fail(name, "must not be negative");
    return t;
  }
  std::vector<std::uint64_t> blocks_field(std::string_view name) const {
    const auto it = request_.find(name);
    if (it == request_.end()) fail(name, "missing");
    if (!it->is_array()) fail(name, "must be an array of block hashes (unsigned 64-bit integers)");
    std::vector<std::uint64_t> blocks;
    blocks.reserve(it->size());
    for (std::size_t i = 0; i < it->size(); ++i) {
      const Json& b = (*it)[i];
      if (!b.is_number_unsigned()) fail(fmt::format("{}[{}]", name, i), "must be an unsigned 64-bit integer");
      blocks.push_back(b.get<std::uint64_t>());
    }
    return blocks;
  }

 private:
  const Json& request_;
};

Json counters_json(const TierModel& model, std::size_t level) {
  const TierCounters c = model.counters(level);
  // A latency is null without transfers, as in summary.json.
  const auto latency = [](std::uint64_t n, auto v) { return n == 0 ? Json(nullptr) : Json(v); };
  return Json{{"tier", model.tier_name(level)},
              {"hit_blocks", c.hit_blocks},
              {"inserted_blocks", c.inserted_blocks},
              {"evicted_blocks", c.evicted_blocks},
              {"demoted_blocks", c.demoted_blocks},
              {"dropped_blocks", c.dropped_blocks},
              {"refused_blocks", c.refused_blocks},
              {"promoted_blocks", c.promoted_blocks},
              {"read_bytes", c.read_bytes},
              {"written_bytes", c.written_bytes},
              {"used_blocks", c.used_blocks},
              {"read_transfers", c.read_transfers},
              {"write_transfers", c.write_transfers},
              {"read_latency_mean_ns", latency(c.read_transfers, c.read_latency_mean_ns)},
              {"write_latency_mean_ns", latency(c.write_transfers, c.write_latency_mean_ns)},
              {"read_latency_p99_ns", latency(c.read_transfers, c.read_latency_p99_ns)},
              {"write_latency_p99_ns", latency(c.write_transfers, c.write_latency_p99_ns)}};
}
}  // namespace

std::string CosimSession::handle(std::string_view line) {
  ++line_;
  Json reply = Json::object();
  try {
    Json request;
    try {
      request = Json::parse(line);
    } catch (const Json::exception& e) {  // a syntax error, or a number too large for a double
      // nlohmann's message starts with its own tag: keep what it says about the text.
      const std::string what = e.what();
      const auto at = what.find("] ");
      throw Error(ExitCode::kDataErr, "not JSON: " + (at == std::string::npos ? what : what.substr(at + 2)));
    }
    if (!request.is_object()) throw Error(ExitCode::kDataErr, "must be a JSON object");
    if (const auto id = request.find("id"); id != request.end()) reply["id"] = *id;
    const auto op_it = request.find("op");
    if (op_it == request.end() || !op_it->is_string()) {
      throw Error(ExitCode::kDataErr, fmt::format("field 'op': missing, or not a string ({})", kOps));
    }
    const std::string op = op_it->get<std::string>();
    const Fields fields(request);
    Json result = Json::object();
    if (op == "info") {
      fields.only({});
      Json tiers = Json::array();
      for (std::size_t l = 0; l < model_.levels(); ++l) tiers.push_back(model_.tier_name(l));
      result = Json{{"tiers", tiers},
                    {"instances", model_.instances()},
                    {"block_bytes", model_.block_bytes()},
                    {"block_tokens", model_.block_tokens()},
                    {"timing", model_.timed() ? "modelled" : "off"}};
    } else if (op == "use") {
      fields.only({"instance", "blocks", "now_ns", "computed_now"});
      const std::uint64_t instance = fields.unsigned_field("instance", 0);
      const std::vector<std::uint64_t> blocks = fields.blocks_field("blocks");
      const SimTimeNs now_ns = fields.time_field("now_ns");
      const RequestUse use = model_.use(instance, blocks, now_ns, fields.bool_field("computed_now", true));
      result = Json{{"found_level", use.found_level},
                    {"prefix_hit_blocks", use.prefix_hit_blocks},
                    {"prefix_ready_ns", use.prefix_ready_ns}};
    } else if (op == "insert") {
      fields.only({"instance", "blocks", "now_ns"});
      const std::uint64_t instance = fields.unsigned_field("instance", 0);
      const std::vector<std::uint64_t> blocks = fields.blocks_field("blocks");
      result = Json{{"inserted", model_.insert(instance, blocks, fields.time_field("now_ns"))}};
    } else if (op == "transfer") {
      fields.only({"instance", "from_level", "to_level", "bytes", "now_ns"});
      const std::uint64_t instance = fields.unsigned_field("instance", 0);
      const std::uint64_t from = fields.unsigned_field("from_level");
      const std::uint64_t to = fields.unsigned_field("to_level");
      const std::uint64_t bytes = fields.unsigned_field("bytes");
      result = Json{{"done_ns", model_.transfer(instance, from, to, bytes, fields.time_field("now_ns"))}};
    } else if (op == "find") {
      fields.only({"instance", "block"});
      const std::uint64_t instance = fields.unsigned_field("instance", 0);
      result = Json{{"level", model_.find(instance, fields.unsigned_field("block"))}};
    } else if (op == "counters") {
      fields.only({"level"});
      if (request.contains("level")) {
        result = counters_json(model_, fields.unsigned_field("level"));
      } else {
        Json tiers = Json::array();
        for (std::size_t l = 0; l < model_.levels(); ++l) tiers.push_back(counters_json(model_, l));
        result = Json{{"tiers", tiers}};
      }
    } else {
      fields.fail("op", fmt::format("unknown '{}' ({})", op, kOps));
    }
    reply["ok"] = true;
    for (auto& [key, value] : result.items()) reply[key] = value;
  } catch (const Error& e) {  // every refusal names the line it answers
    reply["ok"] = false;
    reply["exit_code"] = static_cast<int>(e.code());
    reply["error"] = fmt::format("line {}: {}", line_, e.what());
  }
  // Invalid UTF-8 in an echoed id or a quoted field name is replaced, never a throw.
  return reply.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace kvtier
