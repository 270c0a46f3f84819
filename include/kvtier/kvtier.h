/* The C API: kvtier's tier model (kvtier/tier_model.h) behind an opaque handle, for
 * simulators written in C or in any language with a C foreign-function interface.
 *
 * Every call that can fail returns 0 or a sysexits(3) code (64 bad argument, 78 bad
 * configuration, 70 internal error), and kvtier_last_error() then gives the failure's
 * one-line message. Nothing is ever thrown across this interface. A handle is used by
 * one thread at a time; different handles are independent. */
#ifndef KVTIER_KVTIER_H
#define KVTIER_KVTIER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kvtier_model kvtier_model;

/* What one use found (see kvtier_model_use). */
typedef struct kvtier_use {
  uint64_t prefix_hit_blocks; /* leading blocks found somewhere: reused, not computed */
  int64_t prefix_ready_ns;    /* when all of them are in the first tier */
} kvtier_use;

/* A tier's counts so far, summed over its copies (summary.json's tiers[] fields). */
typedef struct kvtier_tier_counters {
  uint64_t hit_blocks;
  uint64_t inserted_blocks;
  uint64_t evicted_blocks;
  uint64_t demoted_blocks;
  uint64_t dropped_blocks;
  uint64_t refused_blocks;
  uint64_t promoted_blocks;
  uint64_t read_bytes;
  uint64_t written_bytes;
  uint64_t used_blocks;
  /* Timed transfers out of (reads) and into (writes) the tier, and their latency, queueing
   * included (0 without any). */
  uint64_t read_transfers;
  uint64_t write_transfers;
  double read_latency_mean_ns;
  double write_latency_mean_ns;
  uint64_t read_latency_p99_ns;
  uint64_t write_latency_p99_ns;
} kvtier_tier_counters;

/* The message of this thread's last failed call ("" if none). Valid until its next
 * failed call. */
const char* kvtier_last_error(void);

/* Opens a model of a system: `config_text` (a whole system in TOML) if not NULL, else
 * `config` (a system file or a built-in system's name; NULL or "": "default"), with
 * `n_overrides` "path=value" overrides as `kvtier run --set` takes them. */
int kvtier_model_open(const char* config, const char* config_text, const char* const* overrides,
                      size_t n_overrides, kvtier_model** out);
/* NULL is allowed. */
void kvtier_model_close(kvtier_model* model);

/* Accessors: `model` is not NULL. */
size_t kvtier_model_levels(const kvtier_model* model);
size_t kvtier_model_instances(const kvtier_model* model);
/* The tier's name, owned by the model; NULL when level is out of range. */
const char* kvtier_model_tier_name(const kvtier_model* model, size_t level);
uint64_t kvtier_model_block_bytes(const kvtier_model* model);

/* The first level that holds `block` for `instance`, or -1, in *level. Touches nothing. */
int kvtier_model_find(const kvtier_model* model, size_t instance, uint64_t block, int* level);
/* One request's `n` blocks, used in order by `instance` at `now_ns` (never earlier than
 * the previous call). `found_levels` (n entries) receives where each block was found, -1
 * for nowhere; it and `out` may be NULL. With `computed_now` 0, the blocks it recomputes
 * are left for kvtier_model_insert, when the caller's prefill has made them. */
int kvtier_model_use(kvtier_model* model, size_t instance, const uint64_t* blocks, size_t n, int64_t now_ns,
                     int computed_now, int* found_levels, kvtier_use* out);
/* Blocks that `instance` made by `now_ns`, put in the first tier (those already there are
 * left as they are); *inserted (may be NULL) receives how many were put there. */
int kvtier_model_insert(kvtier_model* model, size_t instance, const uint64_t* blocks, size_t n, int64_t now_ns,
                        uint64_t* inserted);
/* The caller's own `bytes` (none of the model's blocks) moved by `instance` from tier
 * `from_level` to tier `to_level` at `now_ns`, timed on the ports and links between, in
 * contention with the model's own moves; *done_ns (may be NULL) receives when the last byte
 * lands. Refused (64) into a tier that models its NAND, between one tier and itself, or
 * over 1 PiB. */
int kvtier_model_transfer(kvtier_model* model, size_t instance, size_t from_level, size_t to_level, uint64_t bytes,
                          int64_t now_ns, int64_t* done_ns);
int kvtier_model_counters(const kvtier_model* model, size_t level, kvtier_tier_counters* out);

/* A whole run, as `kvtier run` does it (kvtier/run.h): the system's workload, or the
 * trace at `trace` if not NULL, simulated to the end. On success *summary_json is the
 * text the CLI writes to summary.json (its "complete" is false, with an "error", when the
 * run stopped early), to be freed with kvtier_string_free. */
int kvtier_run(const char* config, const char* config_text, const char* const* overrides, size_t n_overrides,
               const char* trace, char** summary_json);
/* A workload's LRU miss-ratio curve, as `kvtier mrc` makes it (kvtier/mrc.h): the
 * system's workload, or `trace` if not NULL, read once; `sample_rate` below 1 samples
 * (SHARDS); `capacities` ("2TiB,5000 blocks") may be NULL for `points` capacities in
 * equal ratios up to the footprint. On success *mrc_json is the text of mrc.json, to be
 * freed with kvtier_string_free. */
int kvtier_mrc(const char* config, const char* config_text, const char* const* overrides, size_t n_overrides,
               const char* trace, double sample_rate, const char* capacities, uint64_t points, char** mrc_json);
/* NULL is allowed. */
void kvtier_string_free(char* s);

#ifdef __cplusplus
}
#endif

#endif /* KVTIER_KVTIER_H */
