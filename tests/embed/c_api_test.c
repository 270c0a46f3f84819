/* The C API from C: a C11 program that sees only include/kvtier/kvtier.h. It opens the
 * built-in system, uses a request twice (the second finds it all in the first tier),
 * reads the counters back, runs a whole workload, and meets every error path with its
 * sysexits code and message. */
#include <stdio.h>
#include <string.h>

#include "kvtier/kvtier.h"

#define CHECK(cond)                                                                                     \
  do {                                                                                                  \
    if (!(cond)) {                                                                                      \
      fprintf(stderr, "%s:%d: CHECK(%s) failed (last error: %s)\n", __FILE__, __LINE__, #cond,          \
              kvtier_last_error());                                                                     \
      return 1;                                                                                         \
    }                                                                                                   \
  } while (0)

static int default_system(void) {
  kvtier_model* m = NULL;
  CHECK(kvtier_model_open(NULL, NULL, NULL, 0, &m) == 0 && m != NULL);
  CHECK(kvtier_model_levels(m) == 3);
  CHECK(kvtier_model_instances(m) == 8);
  CHECK(strcmp(kvtier_model_tier_name(m, 0), "hbm") == 0);
  CHECK(strcmp(kvtier_model_tier_name(m, 2), "qlc") == 0);
  CHECK(kvtier_model_tier_name(m, 3) == NULL);
  CHECK(kvtier_model_block_bytes(m) == 512u * 131072u); /* 512 tokens of Llama-3.1-8B at BF16 */

  const uint64_t blocks[3] = {11, 12, 13};
  int levels[3] = {9, 9, 9};
  kvtier_use use;
  CHECK(kvtier_model_use(m, 0, blocks, 3, 0, 1, levels, &use) == 0);
  CHECK(levels[0] == -1 && levels[1] == -1 && levels[2] == -1);
  CHECK(use.prefix_hit_blocks == 0 && use.prefix_ready_ns == 0);
  CHECK(kvtier_model_use(m, 0, blocks, 3, 1000, 1, levels, &use) == 0);
  CHECK(levels[0] == 0 && levels[1] == 0 && levels[2] == 0);
  CHECK(use.prefix_hit_blocks == 3 && use.prefix_ready_ns == 1000);
  CHECK(kvtier_model_use(m, 0, blocks, 0, 1000, 1, NULL, NULL) == 0); /* an empty request */

  kvtier_tier_counters c;
  /* A prefill that ends later: the use leaves block 14 out until it is inserted. */
  const uint64_t more[2] = {11, 14};
  CHECK(kvtier_model_use(m, 0, more, 2, 1000, 0, levels, &use) == 0);
  CHECK(levels[0] == 0 && levels[1] == -1 && use.prefix_hit_blocks == 1);
  int level = 9;
  CHECK(kvtier_model_find(m, 0, 14, &level) == 0 && level == -1);
  uint64_t inserted = 9;
  CHECK(kvtier_model_insert(m, 0, more, 2, 1500, &inserted) == 0 && inserted == 1); /* 11 was there */
  CHECK(kvtier_model_find(m, 0, 14, &level) == 0 && level == 0);
  CHECK(kvtier_model_insert(m, 0, more, 2, 1400, NULL) == 64);
  CHECK(kvtier_model_find(m, 0, 12, &level) == 0 && level == 0);
  CHECK(kvtier_model_find(m, 1, 12, &level) == 0 && level == -1); /* another GPU's HBM */
  CHECK(kvtier_model_counters(m, 0, &c) == 0);
  CHECK(c.hit_blocks == 4 && c.inserted_blocks == 4 && c.used_blocks == 4 && c.evicted_blocks == 0);
  CHECK(c.written_bytes == 4 * kvtier_model_block_bytes(m));

  /* The caller's own bytes, DDR up to the HBM: timed (a time after now) and counted. */
  int64_t done = 0;
  CHECK(kvtier_model_transfer(m, 0, 1, 0, 1000000, 1500, &done) == 0 && done > 1500);
  CHECK(kvtier_model_counters(m, 1, &c) == 0 && c.read_bytes == 1000000);
  CHECK(c.read_transfers == 1 && c.read_latency_mean_ns == (double)(done - 1500) && c.write_transfers == 0);
  CHECK(kvtier_model_transfer(m, 0, 1, 1, 1, 1500, &done) == 64);
  CHECK(strcmp(kvtier_last_error(), "transfer from tier 1 to itself: the levels must differ") == 0);
  CHECK(kvtier_model_transfer(NULL, 0, 1, 0, 1, 1500, &done) == 64);
  CHECK(kvtier_model_use(m, 0, blocks, 3, 999, 1, NULL, NULL) == 64);
  CHECK(strcmp(kvtier_last_error(), "use at 999 ns: the model's clock is at 1500 ns and never goes back") == 0);
  CHECK(kvtier_model_use(m, 8, blocks, 3, 2000, 1, NULL, NULL) == 64);
  CHECK(strstr(kvtier_last_error(), "instance 8 is out of range") != NULL);
  CHECK(kvtier_model_use(m, 0, NULL, 3, 2000, 1, NULL, NULL) == 64);
  CHECK(strcmp(kvtier_last_error(), "blocks is NULL") == 0);
  CHECK(kvtier_model_counters(m, 3, &c) == 64);
  CHECK(kvtier_model_find(m, 0, 12, NULL) == 64);
  kvtier_model_close(m);
  kvtier_model_close(NULL);
  return 0;
}

static int bad_configurations(void) {
  kvtier_model* m = NULL;
  const char* sets[] = {"tiers.hbm.eviction=nosuch"};
  CHECK(kvtier_model_open(NULL, NULL, sets, 1, &m) == 78 && m == NULL);
  CHECK(strstr(kvtier_last_error(), "nosuch") != NULL);
  const char* no_equals[] = {"tiers.hbm.eviction"};
  CHECK(kvtier_model_open(NULL, NULL, no_equals, 1, &m) == 64 && m == NULL);
  CHECK(kvtier_model_open(NULL, "[system\n", NULL, 0, &m) == 78 && m == NULL);
  CHECK(strstr(kvtier_last_error(), "config_text") != NULL); /* the error names where */
  CHECK(kvtier_model_open(NULL, NULL, NULL, 1, &m) == 64);
  CHECK(kvtier_model_open(NULL, NULL, NULL, 0, NULL) == 64);
  return 0;
}

static int named_system_with_overrides(void) {
  kvtier_model* m = NULL;
  const char* sets[] = {"tiers.cache.capacity=2 blocks"};
  CHECK(kvtier_model_open("cache-only", NULL, sets, 1, &m) == 0);
  CHECK(kvtier_model_levels(m) == 1);
  const uint64_t blocks[3] = {1, 2, 3};
  CHECK(kvtier_model_use(m, 0, blocks, 3, 0, 1, NULL, NULL) == 0);
  kvtier_tier_counters c;
  CHECK(kvtier_model_counters(m, 0, &c) == 0);
  CHECK(c.used_blocks == 2 && c.evicted_blocks == 1 && c.dropped_blocks == 1);
  int level = 9;
  CHECK(kvtier_model_find(m, 0, 1, &level) == 0 && level == -1); /* the least recent left */
  kvtier_model_close(m);
  return 0;
}

static int whole_run(void) {
  char* summary = NULL;
  const char* sets[] = {"workload.duration=30s"};
  CHECK(kvtier_run("cache-only", NULL, sets, 1, NULL, &summary) == 0 && summary != NULL);
  CHECK(strstr(summary, "\"name\": \"cache-only\"") != NULL);
  CHECK(strstr(summary, "\"complete\": true") != NULL);
  kvtier_string_free(summary);
  summary = NULL;
  CHECK(kvtier_run("cache-only", NULL, NULL, 0, "/nonexistent/trace.jsonl", &summary) == 66 && summary == NULL);
  CHECK(strstr(kvtier_last_error(), "/nonexistent/trace.jsonl") != NULL);
  CHECK(kvtier_run(NULL, NULL, NULL, 0, NULL, NULL) == 64);
  kvtier_string_free(NULL);
  return 0;
}

static int miss_ratio_curve(void) {
  char* curve = NULL;
  const char* sets[] = {"workload.duration=30s"};
  CHECK(kvtier_mrc("cache-only", NULL, sets, 1, NULL, 1.0, "10 blocks,1000 blocks", 10, &curve) == 0 && curve != NULL);
  CHECK(strstr(curve, "\"method\": \"exact\"") != NULL);
  CHECK(strstr(curve, "\"capacity_blocks\": 1000") != NULL);
  kvtier_string_free(curve);
  curve = NULL;
  CHECK(kvtier_mrc(NULL, NULL, NULL, 0, NULL, 0.0, NULL, 10, &curve) == 64 && curve == NULL);
  CHECK(strstr(kvtier_last_error(), "--sample-rate") != NULL);
  CHECK(kvtier_mrc(NULL, NULL, NULL, 0, NULL, 1.0, NULL, 10, NULL) == 64);
  return 0;
}

int main(void) {
  if (default_system() != 0 || bad_configurations() != 0 || named_system_with_overrides() != 0 || whole_run() != 0 ||
      miss_ratio_curve() != 0) {
    return 1;
  }
  printf("c api: all checks passed\n");
  return 0;
}
