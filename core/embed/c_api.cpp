// The C API (include/kvtier/kvtier.h) over TierModel: every exception stops here and
// becomes a sysexits code and a thread-local message.
#include "kvtier/kvtier.h"

#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "kvtier/mrc.h"
#include "kvtier/run.h"
#include "kvtier/tier_model.h"

struct kvtier_model {
  kvtier::TierModel model;
};

namespace {
thread_local std::string last_error;

int fail(kvtier::ExitCode code, const char* message) {
  last_error = message;
  return static_cast<int>(code);
}

// Runs `body`, turning what it throws into the C API's return code.
template <class Body>
int guarded(Body&& body) noexcept {
  try {
    body();
    return 0;
  } catch (const kvtier::Error& e) {
    return fail(e.code(), e.what());
  } catch (const std::bad_alloc&) {
    return fail(kvtier::ExitCode::kSoftware, "out of memory");
  } catch (const std::exception& e) {
    return fail(kvtier::ExitCode::kSoftware, e.what());
  } catch (...) {
    return fail(kvtier::ExitCode::kSoftware, "unknown internal error");
  }
}

int null_argument(const char* what) {
  last_error = std::string(what) + " is NULL";
  return static_cast<int>(kvtier::ExitCode::kUsage);
}

// A copy the C caller frees with kvtier_string_free.
char* c_string(const std::string& text) {
  char* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) throw std::bad_alloc();
  std::memcpy(copy, text.c_str(), text.size() + 1);
  return copy;
}

// Contract: overrides is not NULL when n > 0 (checked by the callers).
std::vector<std::string> override_list(const char* const* overrides, size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) {
    if (overrides[i] == nullptr) {
      throw kvtier::Error(kvtier::ExitCode::kUsage, "overrides[" + std::to_string(i) + "] is NULL");
    }
    out.emplace_back(overrides[i]);
  }
  return out;
}
}  // namespace

extern "C" {

const char* kvtier_last_error(void) { return last_error.c_str(); }

int kvtier_model_open(const char* config, const char* config_text, const char* const* overrides, size_t n_overrides,
                      kvtier_model** out) {
  if (out == nullptr) return null_argument("out");
  *out = nullptr;
  if (overrides == nullptr && n_overrides > 0) return null_argument("overrides");
  return guarded([&] {
    kvtier::TierModelOptions options;
    if (config != nullptr) options.config = config;
    if (config_text != nullptr) options.config_text = config_text;
    options.overrides = override_list(overrides, n_overrides);
    *out = new kvtier_model{kvtier::TierModel(options)};
  });
}

void kvtier_model_close(kvtier_model* model) { delete model; }

size_t kvtier_model_levels(const kvtier_model* model) { return model->model.levels(); }
size_t kvtier_model_instances(const kvtier_model* model) { return model->model.instances(); }
uint64_t kvtier_model_block_bytes(const kvtier_model* model) { return model->model.block_bytes(); }

const char* kvtier_model_tier_name(const kvtier_model* model, size_t level) {
  return level < model->model.levels() ? model->model.tier_name(level).c_str() : nullptr;
}

int kvtier_model_find(const kvtier_model* model, size_t instance, uint64_t block, int* level) {
  if (model == nullptr) return null_argument("model");
  if (level == nullptr) return null_argument("level");
  return guarded([&] { *level = model->model.find(instance, block); });
}

int kvtier_model_use(kvtier_model* model, size_t instance, const uint64_t* blocks, size_t n, int64_t now_ns,
                     int computed_now, int* found_levels, kvtier_use* out) {
  if (model == nullptr) return null_argument("model");
  if (blocks == nullptr && n > 0) return null_argument("blocks");
  return guarded([&] {
    const kvtier::RequestUse use =
        model->model.use(instance, std::span<const uint64_t>(blocks, n), now_ns, computed_now != 0);
    if (found_levels != nullptr) {
      for (size_t j = 0; j < n; ++j) found_levels[j] = use.found_level[j];
    }
    if (out != nullptr) *out = kvtier_use{use.prefix_hit_blocks, use.prefix_ready_ns};
  });
}

int kvtier_model_insert(kvtier_model* model, size_t instance, const uint64_t* blocks, size_t n, int64_t now_ns,
                        uint64_t* inserted) {
  if (model == nullptr) return null_argument("model");
  if (blocks == nullptr && n > 0) return null_argument("blocks");
  return guarded([&] {
    const uint64_t put = model->model.insert(instance, std::span<const uint64_t>(blocks, n), now_ns);
    if (inserted != nullptr) *inserted = put;
  });
}

int kvtier_model_transfer(kvtier_model* model, size_t instance, size_t from_level, size_t to_level, uint64_t bytes,
                          int64_t now_ns, int64_t* done_ns) {
  if (model == nullptr) return null_argument("model");
  return guarded([&] {
    const int64_t done = model->model.transfer(instance, from_level, to_level, bytes, now_ns);
    if (done_ns != nullptr) *done_ns = done;
  });
}

int kvtier_model_counters(const kvtier_model* model, size_t level, kvtier_tier_counters* out) {
  if (model == nullptr) return null_argument("model");
  if (out == nullptr) return null_argument("out");
  return guarded([&] {
    const kvtier::TierCounters c = model->model.counters(level);
    *out = kvtier_tier_counters{c.hit_blocks,      c.inserted_blocks, c.evicted_blocks, c.demoted_blocks,
                                c.dropped_blocks,  c.refused_blocks,  c.promoted_blocks, c.read_bytes,
                                c.written_bytes,   c.used_blocks,     c.read_transfers, c.write_transfers,
                                c.read_latency_mean_ns, c.write_latency_mean_ns, c.read_latency_p99_ns,
                                c.write_latency_p99_ns};
  });
}

int kvtier_run(const char* config, const char* config_text, const char* const* overrides, size_t n_overrides,
               const char* trace, char** summary_json) {
  if (summary_json == nullptr) return null_argument("summary_json");
  *summary_json = nullptr;
  if (overrides == nullptr && n_overrides > 0) return null_argument("overrides");
  return guarded([&] {
    kvtier::RunOptions options;
    if (config != nullptr) options.config = config;
    if (config_text != nullptr) options.config_text = config_text;
    options.overrides = override_list(overrides, n_overrides);
    if (trace != nullptr) options.trace = trace;
    *summary_json = c_string(kvtier::run_summary_json(options));
  });
}

int kvtier_mrc(const char* config, const char* config_text, const char* const* overrides, size_t n_overrides,
               const char* trace, double sample_rate, const char* capacities, uint64_t points, char** mrc_json) {
  if (mrc_json == nullptr) return null_argument("mrc_json");
  *mrc_json = nullptr;
  if (overrides == nullptr && n_overrides > 0) return null_argument("overrides");
  return guarded([&] {
    kvtier::MrcOptions options;
    if (config != nullptr) options.config = config;
    if (config_text != nullptr) options.config_text = config_text;
    options.overrides = override_list(overrides, n_overrides);
    if (trace != nullptr) options.trace = trace;
    options.sample_rate = sample_rate;
    if (capacities != nullptr) options.capacities = capacities;
    options.points = points;
    *mrc_json = c_string(kvtier::mrc_json(options));
  });
}

void kvtier_string_free(char* s) { std::free(s); }

}  // extern "C"
