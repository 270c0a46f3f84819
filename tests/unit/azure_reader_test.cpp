// The Azure CSV reader (times against `date -u +%s`, bad lines) and the prefix model that
// gives its requests block ids (against what its definition says each request shares,
// worked out here from the lengths alone).
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "kvtier/error.h"
#include "tests/support/trace_files.h"
#include "workloads/azure_reader.h"

using namespace kvtier;

namespace {
std::filesystem::path write_trace(const std::string& name, const std::string& text) {
  return test::write_trace("azure_reader", name, text);
}

std::pair<std::string, ExitCode> read_all(const std::filesystem::path& path, std::vector<Request>* out = nullptr,
                                          const AzureReaderOptions& options = {}) {
  return test::read_all<AzureReader>(path, options, out);
}

std::vector<Request> requests_of(const std::vector<std::uint64_t>& inputs, const PrefixModelParams& params,
                                 std::uint64_t seed = 1) {
  PrefixModel model(params, 512, seed);
  std::vector<Request> out;
  for (const std::uint64_t input : inputs) {
    Request r;
    r.input_tokens = input;
    model.assign(r);
    out.push_back(r);
  }
  return out;
}

std::size_t common_prefix(const std::vector<BlockId>& a, const std::vector<BlockId>& b) {
  std::size_t k = 0;
  while (k < a.size() && k < b.size() && a[k] == b[k]) ++k;
  return k;
}
}  // namespace

TEST_SUITE("workloads") {
  TEST_CASE("reads the Azure CSV format: times from the first request, no final newline needed") {
    // 1700158623 = date -u -d "2023-11-16 18:17:03" +%s; 1709251199 = "2024-02-29 23:59:59".
    CHECK(AzureReader::parse_line("1970-01-01 00:00:00,1,0", "t").time_ns == 0);
    CHECK(AzureReader::parse_line("2023-11-16 18:17:03.9799600,4808,10", "t").time_ns ==
          1'700'158'623'979'960'000LL);
    CHECK(AzureReader::parse_line("2024-02-29T23:59:59.000000001, 7 ,0", "t").time_ns == 1'709'251'199'000'000'001LL);
    const AzureRow row = AzureReader::parse_line("2023-11-16 18:17:03.5,4808,10", "t");
    CHECK(row.context_tokens == 4808);
    CHECK(row.generated_tokens == 10);

    std::vector<Request> rs;
    const auto path = write_trace("good.csv",
                                  "TIMESTAMP,ContextTokens,GeneratedTokens\r\n"
                                  "2023-11-16 23:59:59.9,1000,5\r\n\r\n"
                                  "2023-11-17 00:00:01.4000000,512,0\r\n"
                                  "2023-11-17 00:00:01.4000000,1025,3");
    CHECK(read_all(path, &rs).first.empty());
    REQUIRE(rs.size() == 3);
    CHECK(rs[0].arrival_ns == 0);
    CHECK(rs[1].arrival_ns == 1'500'000'000);
    CHECK(rs[2].arrival_ns == 1'500'000'000);
    CHECK(rs[2].index == 2);
    CHECK(rs[0].blocks.size() == 2);
    CHECK(rs[1].blocks.size() == 1);
    CHECK(rs[2].blocks.size() == 3);
    CHECK(rs[2].output_tokens == 3);

    AzureReaderOptions half;
    half.time_scale = 0.5;
    half.max_requests = 2;
    CHECK(read_all(path, &rs, half).first.empty());
    REQUIRE(rs.size() == 5);
    CHECK(rs[4].arrival_ns == 750'000'000);
  }

  TEST_CASE("bad Azure lines: one message naming file, line and field; exit 65") {
    const std::string header = "TIMESTAMP,ContextTokens,GeneratedTokens\n";
    const std::string ok = "2023-11-16 18:17:03.9799600,4808,10\n";
    const struct {
      std::string line;
      std::string expected;  // after "<path>:3: "
    } cases[] = {
        {"2023-11-16 18:17:04,4808", "expected 3 comma-separated fields (TIMESTAMP,ContextTokens,GeneratedTokens), got 2"},
        {"2023-11-16 18:17:04,1,2,3", "expected 3 comma-separated fields"},
        {"2023-11-16,4808,10", "field 'TIMESTAMP': '2023-11-16' is not a time of the form"},
        {"2023-13-16 18:17:04,4808,10", "field 'TIMESTAMP': month 13 is not 1 .. 12"},
        {"2023-02-29 18:17:04,4808,10", "field 'TIMESTAMP': day 29 is not in 2023-02"},
        {"2023-11-16 24:17:04,4808,10", "field 'TIMESTAMP': '24:17:04' is not a time of day"},
        {"1969-12-31 23:59:59,4808,10", "field 'TIMESTAMP': year 1969 is outside 1970 .. 2200"},
        {"2023-11-16 18:17:04.1234567890,4808,10", "field 'TIMESTAMP': '2023-11-16 18:17:04.1234567890': expected"},
        {"2023-11-16 18:17:04.12x,4808,10", "field 'TIMESTAMP': '2023-11-16 18:17:04.12x': the decimals must be digits"},
        {"2023-11-16 18:17:02,4808,10", "field 'TIMESTAMP': -1.979960 s after the first request is before"},
        {"2023-11-16 18:17:04,-5,10", "field 'ContextTokens': -5 is negative"},
        {"2023-11-16 18:17:04,12.5,10", "field 'ContextTokens': '12.5' is not a whole number of tokens"},
        {"2023-11-16 18:17:04,0,10", "field 'ContextTokens': must be at least 1"},
        {"2023-11-16 18:17:04,5,", "field 'GeneratedTokens': '' is not a whole number of tokens"},
        {"2023-11-16 18:17:04,5,99999999999999999999", "field 'GeneratedTokens': 99999999999999999999 tokens is out of range"},
    };
    for (const auto& c : cases) {
      const auto path = write_trace("bad.csv", header + ok + c.line + "\n" + ok);
      const auto [msg, code] = read_all(path);
      CAPTURE(c.line);
      CHECK(code == ExitCode::kDataErr);
      CHECK(msg.find(path.string() + ":3: " + c.expected) == 0);
    }
    const auto headless = write_trace("headless.csv", ok);
    CHECK(read_all(headless).first.find(headless.string() + ":1: expected the Azure trace header") == 0);
    const auto empty = write_trace("empty.csv", "");
    CHECK(read_all(empty).first == empty.string() + ": empty: expected the header 'TIMESTAMP,ContextTokens,GeneratedTokens'");
    CHECK(read_all("/nonexistent/azure.csv").second == ExitCode::kNoInput);
  }

  TEST_CASE("prefix model: nothing is shared without prompts or conversations") {
    PrefixModelParams p;
    p.system_prompt_tokens = 0;
    p.continue_share = 0;
    std::set<BlockId> ids;
    std::size_t blocks = 0;
    for (const Request& r : requests_of({5000, 5000, 100, 5000, 1024, 1024}, p)) {
      blocks += r.blocks.size();
      ids.insert(r.blocks.begin(), r.blocks.end());
    }
    CHECK(ids.size() == blocks);
  }

  TEST_CASE("prefix model: a continuing turn shares every full block of its conversation's last input") {
    // One prompt of no tokens, every request continuing the one open conversation when it
    // can: each shares floor(previous input / 512) blocks with the conversation's last
    // turn if it is longer, and starts a new conversation (sharing nothing) otherwise.
    PrefixModelParams p;
    p.system_prompts = 1;
    p.system_prompt_tokens = 0;
    p.continue_share = 1;
    p.open_conversations = 1;
    const std::vector<std::uint64_t> inputs{600, 1500, 1500, 3000, 200, 1100, 1024, 5000};
    const std::vector<Request> rs = requests_of(inputs, p);
    std::size_t conversation_start = 0;
    for (std::size_t i = 1; i < rs.size(); ++i) {
      CAPTURE(i);
      const bool continues = inputs[i - 1] < inputs[i];
      CHECK(common_prefix(rs[i - 1].blocks, rs[i].blocks) == (continues ? inputs[i - 1] / 512 : 0));
      CHECK((rs[i].session == rs[i - 1].session) == continues);
      if (!continues) conversation_start = i;
      CHECK(common_prefix(rs[conversation_start].blocks, rs[i].blocks) ==
            (i == conversation_start ? rs[i].blocks.size() : inputs[conversation_start] / 512));
    }
  }

  TEST_CASE("prefix model: new conversations on one prompt share the prompt's full blocks") {
    PrefixModelParams p;
    p.system_prompts = 1;
    p.system_prompt_tokens = 2048;  // its length is in [1024, 3072]: 2 to 6 full blocks
    p.continue_share = 0;
    const std::vector<Request> rs = requests_of({8000, 8000, 8000, 700}, p);
    const std::size_t shared = common_prefix(rs[0].blocks, rs[1].blocks);
    CHECK(shared >= 2);
    CHECK(shared <= 6);
    CHECK(common_prefix(rs[0].blocks, rs[2].blocks) == shared);
    CHECK(common_prefix(rs[0].blocks, rs[3].blocks) == 1);  // 700 tokens: one full block of it
    CHECK(rs[0].session != rs[1].session);
  }

  TEST_CASE("prefix model: only a turn that held the whole prompt is continued") {
    PrefixModelParams p;
    p.system_prompts = 1;
    p.system_prompt_tokens = 2048;  // [1024, 3072] tokens: longer than 700, shorter than 8000
    p.continue_share = 1;
    const std::vector<Request> rs = requests_of({700, 8000, 9000}, p);
    const std::size_t prompt_blocks = common_prefix(rs[0].blocks, rs[1].blocks);
    CHECK(prompt_blocks == 1);  // 8000 starts afresh on the prompt: 700 tokens did not hold it
    CHECK(rs[0].session != rs[1].session);
    CHECK(common_prefix(rs[1].blocks, rs[2].blocks) == 8000 / 512);  // 9000 continues 8000
    CHECK(rs[1].session == rs[2].session);
  }

  TEST_CASE("trace: Azure traces through the prefix model: ids are prefix-chained and seeded") {
    for (const char* name : {"AzureLLMInferenceTrace_code.csv", "AzureLLMInferenceTrace_conv.csv"}) {
      CAPTURE(name);
      const auto path = test::shared_dir() / "traces" / "azure" / name;
      std::vector<Request> a;
      std::vector<Request> b;
      std::vector<Request> other;
      REQUIRE(read_all(path, &a).first.empty());
      CHECK(a.size() == (std::string(name).find("code") != std::string::npos ? 8'819U : 19'366U));
      REQUIRE(read_all(path, &b).first.empty());
      AzureReaderOptions seeded;
      seeded.seed = 2;
      REQUIRE(read_all(path, &other, seeded).first.empty());
      std::map<BlockId, BlockId> parent;  // a block id names its whole prefix: one parent each
      std::size_t differ = 0;
      for (std::size_t i = 0; i < a.size(); ++i) {
        REQUIRE(a[i].blocks == b[i].blocks);
        differ += a[i].blocks != other[i].blocks;
        REQUIRE(a[i].blocks.size() == (a[i].input_tokens + 511) / 512);
        for (std::size_t k = 0; k < a[i].blocks.size(); ++k) {
          const BlockId before = k == 0 ? 0 : a[i].blocks[k - 1];
          const auto [it, fresh] = parent.try_emplace(a[i].blocks[k], before);
          REQUIRE((fresh || it->second == before));
        }
      }
      CHECK(differ > a.size() / 2);
    }
  }
}
