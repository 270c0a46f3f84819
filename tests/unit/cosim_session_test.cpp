// The co-simulation protocol line by line: replies worked out by hand for the cache-only
// system at 3 blocks, and every kind of bad request answered (never thrown) with its
// line number, field and sysexits code.
#include <doctest/doctest.h>

#include <string>

#include "core/embed/cosim_session.h"

using namespace kvtier;

namespace {
CosimSession three_blocks() {
  TierModelOptions o;
  o.config = "cache-only";
  o.overrides = {"tiers.cache.capacity=3 blocks"};
  return CosimSession(TierModel(o));
}

// The default system with a DDR of one 1 GB/s server behind the PCIe link, and latencies
// that are round numbers: a transfer of 1 MB from it holds its port for 1 ms.
CosimSession slow_ddr() {
  TierModelOptions o;
  o.overrides = {"tiers.ddr.read_bandwidth=1GB/s", "tiers.ddr.read_latency=3us", "tiers.ddr.channels=1",
                 "tiers.ddr.efficiency=1.0",       "links.pcie.latency=2us",    "tiers.hbm.write_latency=0ns"};
  return CosimSession(TierModel(o));
}
}  // namespace

TEST_SUITE("embed") {
  TEST_CASE("cosim: a session's replies, worked by hand") {
    CosimSession s = three_blocks();
    CHECK(s.handle(R"j({"op": "info", "id": "a"})j") ==
          R"j({"id":"a","ok":true,"tiers":["cache"],"instances":1,"block_bytes":67108864,"block_tokens":512,)j"
          R"j("timing":"off"})j");
    CHECK(s.handle(R"j({"op": "use", "blocks": [1, 2, 3, 4], "now_ns": 0})j") ==
          R"j({"ok":true,"found_level":[-1,-1,-1,-1],"prefix_hit_blocks":0,"prefix_ready_ns":0})j");
    // Block 1 was evicted for 4 (LRU): 2, 3, 4 remain.
    CHECK(s.handle(R"j({"op": "use", "instance": 0, "blocks": [2, 3, 1], "now_ns": 7, "id": [1]})j") ==
          R"j({"id":[1],"ok":true,"found_level":[0,0,-1],"prefix_hit_blocks":2,"prefix_ready_ns":7})j");
    CHECK(s.handle(R"j({"op": "find", "block": 4})j") == R"j({"ok":true,"level":-1})j");
    CHECK(s.handle(R"j({"op": "find", "block": 18446744073709551615})j") == R"j({"ok":true,"level":-1})j");
    CHECK(s.handle(R"j({"op": "counters", "level": 0})j") ==
          R"j({"ok":true,"tier":"cache","hit_blocks":2,"inserted_blocks":5,"evicted_blocks":2,"demoted_blocks":0,)j"
          R"j("dropped_blocks":2,"refused_blocks":0,"promoted_blocks":0,"read_bytes":0,"written_bytes":335544320,)j"
          R"j("used_blocks":3,"read_transfers":0,"write_transfers":0,"read_latency_mean_ns":null,)j"
          R"j("write_latency_mean_ns":null,"read_latency_p99_ns":null,"write_latency_p99_ns":null})j");
    // A prefill that ends later: block 9 is left out by the use, then inserted (evicting 2,
    // the least recent); 3 is there already.
    CHECK(s.handle(R"j({"op": "use", "blocks": [9], "now_ns": 8, "computed_now": false})j") ==
          R"j({"ok":true,"found_level":[-1],"prefix_hit_blocks":0,"prefix_ready_ns":8})j");
    CHECK(s.handle(R"j({"op": "find", "block": 9})j") == R"j({"ok":true,"level":-1})j");
    CHECK(s.handle(R"j({"op": "insert", "blocks": [9, 3], "now_ns": 9})j") == R"j({"ok":true,"inserted":1})j");
    CHECK(s.handle(R"j({"op": "use", "blocks": [9], "now_ns": 9, "computed_now": 1})j") ==
          R"j({"ok":false,"exit_code":65,"error":"line 10: field 'computed_now': must be true or false"})j");
    const std::string all = s.handle(R"j({"op": "counters"})j");
    CHECK(all.starts_with(R"j({"ok":true,"tiers":[{"tier":"cache","hit_blocks":2,"inserted_blocks":6,)j"));
  }

  TEST_CASE("cosim: a transfer's reply, worked by hand, and its bad fields") {
    CosimSession s = slow_ddr();
    // 1,000,000 ns on the DDR's port (the slowest leg) plus DDR read 3 us and PCIe 2 us;
    // the second waits for the first.
    CHECK(s.handle(R"j({"op": "transfer", "from_level": 1, "to_level": 0, "bytes": 1000000, "now_ns": 0})j") ==
          R"j({"ok":true,"done_ns":1005000})j");
    CHECK(s.handle(R"j({"op": "transfer", "instance": 0, "from_level": 1, "to_level": 0, "bytes": 1000000,)j"
                   R"j( "now_ns": 0, "id": 7})j") == R"j({"id":7,"ok":true,"done_ns":2005000})j");
    CHECK(s.handle(R"j({"op": "transfer", "from_level": 1, "to_level": 0, "now_ns": 0})j") ==
          R"j({"ok":false,"exit_code":65,"error":"line 3: field 'bytes': missing"})j");
    CHECK(s.handle(R"j({"op": "transfer", "from_level": 1, "to_level": -1, "bytes": 1, "now_ns": 0})j") ==
          R"j({"ok":false,"exit_code":65,"error":"line 4: field 'to_level': must be an unsigned integer"})j");
    CHECK(s.handle(R"j({"op": "transfer", "from_level": 0, "to_level": 0, "bytes": 1, "now_ns": 0})j") ==
          R"j({"ok":false,"exit_code":64,"error":"line 5: transfer from tier 0 to itself: the levels must differ"})j");
    CHECK(s.handle(R"j({"op": "transfer", "from_level": 1, "to_level": 0, "bytes": 1, "now_ns": 0, "to": 1})j") ==
          R"j({"ok":false,"exit_code":65,"error":"line 6: field 'to': unknown for this op"})j");
  }

  TEST_CASE("cosim: bad requests are answered with the line, the field and the exit code") {
    CosimSession s = three_blocks();
    const auto error = [&s](const std::string& line) { return s.handle(line); };
    CHECK(error("{") ==
          R"j({"ok":false,"exit_code":65,"error":"line 1: not JSON: parse error at line 1, column 2: syntax error )j"
          R"j(while parsing object key - unexpected end of input; expected string literal"})j");
    CHECK(error(R"j({"op": "use", "blocks": [1e400], "now_ns": 0})j") ==
          R"j({"ok":false,"exit_code":65,"error":"line 2: not JSON: number overflow parsing '1e400'"})j");
    CHECK(error("[1, 2]") == R"j({"ok":false,"exit_code":65,"error":"line 3: must be a JSON object"})j");
    CHECK(error(R"j({"id": 5})j") ==
          R"j({"id":5,"ok":false,"exit_code":65,"error":"line 4: field 'op': missing, or not a string )j"
          R"j((info, use, insert, transfer, find, counters)"})j");
    CHECK(error(R"j({"op": "evict"})j") ==
          R"j({"ok":false,"exit_code":65,"error":"line 5: field 'op': unknown 'evict' (info, use, insert, transfer, find, counters)"})j");
    CHECK(error(R"j({"op": "use", "now_ns": 0})j") ==
          R"j({"ok":false,"exit_code":65,"error":"line 6: field 'blocks': missing"})j");
    CHECK(error(R"j({"op": "use", "blocks": [1, 2.5], "now_ns": 0})j") ==
          R"j({"ok":false,"exit_code":65,"error":"line 7: field 'blocks[1]': must be an unsigned 64-bit integer"})j");
    CHECK(error(R"j({"op": "use", "blocks": [1], "now_ns": -1})j") ==
          R"j({"ok":false,"exit_code":65,"error":"line 8: field 'now_ns': must not be negative"})j");
    CHECK(error(R"j({"op": "use", "blocks": [1], "now_ns": 9223372036854775808})j") ==
          R"j({"ok":false,"exit_code":65,"error":"line 9: field 'now_ns': is beyond the largest time (2^63 - 1 ns)"})j");
    CHECK(error(R"j({"op": "use", "blocks": [1], "now_ns": 10, "when": 1})j") ==
          R"j({"ok":false,"exit_code":65,"error":"line 10: field 'when': unknown for this op"})j");
    CHECK(error(R"j({"op": "find", "instance": 2, "block": 1})j") ==
          R"j({"ok":false,"exit_code":64,"error":"line 11: instance 2 is out of range: the system has 1 (0 to 0)"})j");
    CHECK(error(R"j({"op": "counters", "level": 1})j") ==
          R"j({"ok":false,"exit_code":64,"error":"line 12: level 1 is out of range: the system has 1 tiers (0 to 0)"})j");
    // No bad request changed the model; a good one still works, and then sets the clock.
    CHECK(s.handle(R"j({"op": "use", "blocks": [1], "now_ns": 10})j").starts_with(R"j({"ok":true)j"));
    CHECK(error(R"j({"op": "use", "blocks": [1], "now_ns": 9})j") ==
          R"j({"ok":false,"exit_code":64,"error":"line 14: use at 9 ns: the model's clock is at 10 ns and never goes back"})j");
    // Bytes that are not UTF-8 are not JSON; the parser's quote of them comes back replaced
    // (U+FFFD), so the reply itself is still UTF-8.
    const std::string reply = s.handle("{\"op\": \"info\", \"id\": \"\xff\"}");
    CHECK(reply.starts_with(R"j({"ok":false,"exit_code":65,"error":"line 15: not JSON: )j"));
    CHECK(reply.find("ill-formed UTF-8") != std::string::npos);
    CHECK(reply.find('\xff') == std::string::npos);
  }
}
