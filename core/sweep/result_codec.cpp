#include "core/sweep/result_codec.h"

#include <concepts>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <vector>

namespace kvtier {

namespace {
// Each struct's fields are listed once, in members(), for both directions. A field added
// to a struct changes its size, which stops the build here until it is listed.
static_assert(sizeof(Summary) == 920, "Summary changed: list the new field in members() below, then update the size");
static_assert(sizeof(TierSummary) == 760, "TierSummary changed: list the new field in members(), then the size");
static_assert(sizeof(LinkSummary) == 112, "LinkSummary changed: list the new field in members(), then the size");
static_assert(sizeof(LatencySummary) == 48, "LatencySummary changed: list the new field in members(), then the size");
static_assert(sizeof(PrefetchSummary) == 104, "PrefetchSummary changed: list the new field in members(), then the size");
static_assert(sizeof(BackingSummary) == 136, "BackingSummary changed: list the new field in members(), then the size");
static_assert(sizeof(BeladySummary) == 24, "BeladySummary changed: list the new field in members(), then the size");
static_assert(sizeof(FlashSummary) == 256, "FlashSummary changed: list the new field in members(), then the size");
static_assert(sizeof(WafSample) == 32, "WafSample changed: list the new field in members(), then the size");
static_assert(sizeof(BackedTierSummary) == 224, "BackedTierSummary changed: list the new field in members(), then the size");
static_assert(sizeof(MeasuredTierTiming) == 96, "MeasuredTierTiming changed: list the new field in members(), then the size");

template <typename T, typename U>
concept Is = std::same_as<std::remove_const_t<T>, U>;

template <typename A, Is<WafSample> T>
void members(A& a, T& x) {
  a(x.start_s, x.host_bytes, x.nand_bytes, x.waf);
}

template <typename A, Is<FlashSummary> T>
void members(A& a, T& x) {
  a(x.placement, x.gc, x.over_provisioning, x.logical_bytes, x.raw_bytes, x.host_written_bytes, x.nand_written_bytes,
    x.relocated_bytes, x.waf, x.erases, x.pe_mean, x.pe_max, x.pe_rated, x.host_bytes_per_day, x.nand_bytes_per_day,
    x.dwpd_required, x.dwpd_rated, x.pbw_rated, x.life_years, x.rated_life_years, x.nand_busy_fraction,
    x.gc_busy_fraction, x.slc_written_bytes, x.waf_over_time);
}

template <typename A, Is<TierSummary> T>
void members(A& a, T& x) {
  a(x.name, x.medium, x.scope, x.eviction, x.admission, x.write_policy, x.copies, x.capacity_bytes, x.capacity_blocks,
    x.read_bytes, x.written_bytes, x.hit_blocks, x.inserted_blocks, x.evicted_blocks, x.demoted_blocks,
    x.dropped_blocks, x.refused_blocks, x.promoted_blocks, x.invalidated_blocks, x.written_bytes_per_hit_byte,
    x.peak_used_bytes, x.utilization, x.busy_fraction, x.read_bytes_per_s, x.write_bytes_per_s, x.energy_j, x.cost_usd,
    x.read_transfers, x.write_transfers, x.read_latency, x.write_latency, x.flash);
}

template <typename A, Is<LinkSummary> T>
void members(A& a, T& x) {
  a(x.name, x.scope, x.copies, x.up_bytes, x.down_bytes, x.up_busy_fraction, x.down_busy_fraction, x.energy_j);
}

template <typename A, Is<LatencySummary> T>
void members(A& a, T& x) {
  a(x.mean_ns, x.p50_ns, x.p90_ns, x.p99_ns, x.p999_ns, x.max_ns);
}

template <typename A, Is<PrefetchSummary> T>
void members(A& a, T& x) {
  a(x.policy, x.into, x.requests, x.blocks, x.used_blocks, x.wasted_blocks, x.wait_mean_ns);
}

template <typename A, Is<MeasuredTierTiming> T>
void members(A& a, T& x) {
  a(x.reads, x.writes, x.read_extra_ns, x.write_extra_ns, x.read_mean_ns, x.read_p50_ns, x.read_p99_ns,
    x.write_mean_ns, x.write_p50_ns, x.write_p99_ns, x.modelled_read_ns, x.modelled_write_ns);
}

template <typename A, Is<BackedTierSummary> T>
void members(A& a, T& x) {
  a(x.name, x.store, x.direct, x.frame_bytes, x.written_frames, x.read_frames, x.acked_frames, x.written_bytes,
    x.read_bytes, x.measured);
}

template <typename A, Is<BackingSummary> T>
void members(A& a, T& x) {
  a(x.ack, x.measured, x.scale, x.payload_bytes, x.dir, x.tiers, x.resumed, x.restored_blocks, x.dropped_blocks);
}

template <typename A, Is<BeladySummary> T>
void members(A& a, T& x) {
  a(x.capacity_blocks, x.accesses, x.hits);
}

template <typename A, Is<Summary> T>
void members(A& a, T& x) {
  a(x.complete, x.error, x.system_name, x.instances, x.nodes, x.timed, x.model, x.kv_dtype, x.accelerator,
    x.accelerators_per_instance, x.block_tokens, x.block_bytes, x.kv_bytes_per_token, x.workload, x.router,
    x.layerwise, x.requests, x.completed, x.rejected, x.prefix_block_weighted, x.prefix_request_mean,
    x.block_hit_ratio, x.block_accesses, x.prefix_hit_blocks, x.block_hits, x.input_tokens, x.output_tokens,
    x.recomputed_tokens, x.served_tokens, x.belady, x.ttft, x.ttft_percentiles_ns, x.admission_wait_mean_ns,
    x.load_mean_ns, x.compute_wait_mean_ns, x.prefill_mean_ns, x.prefetch, x.backing, x.tiers, x.links, x.energy_j,
    x.cost_usd, x.sim_duration_ns, x.wall_s, x.events, x.events_per_s, x.sim_speedup);
}

template <typename T>
struct IsVector : std::false_type {};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type {};
template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};

class Writer {
 public:
  template <typename... T>
  void operator()(const T&... v) {
    (one(v), ...);
  }
  std::string take() { return std::move(out_); }

 private:
  template <typename T>
  void one(const T& v) {
    if constexpr (std::is_arithmetic_v<T>) {
      out_.append(reinterpret_cast<const char*>(&v), sizeof v);
    } else if constexpr (std::is_same_v<T, std::string>) {
      one(static_cast<std::uint64_t>(v.size()));
      out_ += v;
    } else if constexpr (IsVector<T>::value) {
      one(static_cast<std::uint64_t>(v.size()));
      for (const auto& e : v) one(e);
    } else if constexpr (IsOptional<T>::value) {
      one(v.has_value());
      if (v) one(*v);
    } else {
      members(*this, v);
    }
  }
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  template <typename... T>
  void operator()(T&... v) {
    (one(v), ...);
  }
  void finish() const {
    if (!in_.empty()) throw std::runtime_error("result codec: bytes left over");
  }

 private:
  template <typename T>
  void one(T& v) {
    if constexpr (std::is_same_v<T, bool>) {
      // Only 0 and 1 are bools: another byte copied into one would be undefined.
      std::uint8_t byte = 0;
      one(byte);
      if (byte > 1) throw std::runtime_error("result codec: not a bool");
      v = byte == 1;
    } else if constexpr (std::is_arithmetic_v<T>) {
      if (in_.size() < sizeof v) throw std::runtime_error("result codec: cut short");
      std::memcpy(&v, in_.data(), sizeof v);
      in_.remove_prefix(sizeof v);
    } else if constexpr (std::is_same_v<T, std::string>) {
      const std::uint64_t n = size();
      v.assign(in_.substr(0, n));
      in_.remove_prefix(n);
    } else if constexpr (IsVector<T>::value) {
      v.resize(size());
      for (auto& e : v) one(e);
    } else if constexpr (IsOptional<T>::value) {
      bool present = false;
      one(present);
      v.reset();
      if (present) one(v.emplace());
    } else {
      members(*this, v);
    }
  }
  // A length, checked against what is left (each element takes at least a byte).
  std::uint64_t size() {
    std::uint64_t n = 0;
    one(n);
    if (n > in_.size()) throw std::runtime_error("result codec: a length runs past the end");
    return n;
  }
  std::string_view in_;
};
}  // namespace

std::string encode_result(const SimulationResult& result) {
  Writer w;
  w(result.summary, result.failure.has_value());
  if (result.failure) w(static_cast<int>(result.failure->code()), std::string(result.failure->what()));
  return w.take();
}

SimulationResult decode_result(std::string_view bytes) {
  Reader r(bytes);
  SimulationResult result;
  bool failed = false;
  r(result.summary, failed);
  if (failed) {
    int code = 0;
    std::string message;
    r(code, message);
    // An Error keeps its message as a C string: one with a NUL would not come back whole.
    if (message.find('\0') != std::string::npos) throw std::runtime_error("result codec: a NUL in an error message");
    result.failure = Error(static_cast<ExitCode>(code), message);
  }
  r.finish();
  return result;
}

std::string encode_bound(const HitBound& bound) {
  Writer w;
  w(bound.accesses, bound.hits);
  return w.take();
}

HitBound decode_bound(std::string_view bytes) {
  Reader r(bytes);
  HitBound bound;
  r(bound.accesses, bound.hits);
  r.finish();
  return bound;
}

}  // namespace kvtier
