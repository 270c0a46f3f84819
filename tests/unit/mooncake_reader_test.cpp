#include <doctest/doctest.h>

#include <fstream>

#include "kvtier/error.h"
#include "tests/support/trace_files.h"
#include "workloads/mooncake_reader.h"
#include "workloads/mooncake_writer.h"

using namespace kvtier;

namespace {
std::filesystem::path write_trace(const std::string& name, const std::string& text) {
  return test::write_trace("mooncake_reader", name, text);
}

std::pair<std::string, ExitCode> read_all(const std::filesystem::path& path, std::vector<Request>* out = nullptr) {
  return test::read_all<MooncakeReader>(path, MooncakeReaderOptions{}, out);
}

constexpr const char* kGood = R"({"timestamp": 0, "input_length": 1000, "output_length": 5, "hash_ids": [7, 8]}
{"timestamp": 12.5, "input_length": 512, "output_length": 0, "hash_ids": [7], "extra": "ignored"}

{"timestamp": 12.5, "input_length": 1025, "output_length": 1, "hash_ids": [7, 9, 18446744073709551615]}
)";
}  // namespace

TEST_SUITE("workloads") {
  TEST_CASE("reads the Mooncake format: ms to ns, blank lines skipped, unknown fields ignored") {
    std::vector<Request> rs;
    const auto path = write_trace("good.jsonl", kGood);
    CHECK(read_all(path, &rs).first.empty());
    REQUIRE(rs.size() == 3);
    CHECK(rs[0].arrival_ns == 0);
    CHECK(rs[1].arrival_ns == 12'500'000);
    CHECK(rs[1].index == 1);
    CHECK(rs[0].blocks == std::vector<BlockId>{7, 8});
    CHECK(rs[2].blocks.back() == 18446744073709551615ULL);
    CHECK(rs[2].input_tokens == 1025);
  }

  TEST_CASE("bad lines: one message naming file, line and field; exit 65") {
    const std::string ok = R"({"timestamp": 0, "input_length": 600, "output_length": 5, "hash_ids": [1, 2]})";
    const struct {
      std::string line;
      std::string expected;  // after "<path>:2: "
    } cases[] = {
        {R"({"timestamp": 1, "input_length": 600, "output_length": 5, "hash_ids": [1, 2)",
         "malformed JSON: column 76: syntax error while parsing array - unexpected end of input; expected ']'"},
        {"[1, 2]", "expected a JSON object, got array"},
        {R"({"timestamp": 1, "output_length": 5, "hash_ids": [1, 2]})", "field 'input_length': missing"},
        {R"({"timestamp": 1, "input_length": -600, "output_length": 5, "hash_ids": [1, 2]})",
         "field 'input_length': -600 is negative"},
        {R"({"timestamp": -1, "input_length": 600, "output_length": 5, "hash_ids": [1, 2]})",
         "field 'timestamp': -1 is negative"},
        {R"({"timestamp": "soon", "input_length": 600, "output_length": 5, "hash_ids": [1, 2]})",
         "field 'timestamp': expected a number of milliseconds, got string"},
        {R"({"timestamp": 1, "input_length": 600, "output_length": 5.5, "hash_ids": [1, 2]})",
         "field 'output_length': 5.5 is not an integer (or is out of range)"},
        {R"({"timestamp": 1, "input_length": 600, "output_length": 5, "hash_ids": [1, 2, 3]})",
         "field 'hash_ids': 3 ids, but input_length 600 needs 2 blocks of 512 tokens"},
        {R"({"timestamp": 1, "input_length": 600, "output_length": 5, "hash_ids": [1, -2]})",
         "field 'hash_ids': id -2 is negative"},
        {R"({"timestamp": 1, "input_length": 600, "output_length": 5, "hash_ids": "1,2"})",
         "field 'hash_ids': expected an array of block ids, got string"},
        {R"({"timestamp": 1, "input_length": 0, "output_length": 5, "hash_ids": []})",
         "field 'input_length': must be at least 1"},
    };
    for (const auto& c : cases) {
      const auto path = write_trace("bad.jsonl", ok + "\n" + c.line + "\n");
      const auto [msg, code] = read_all(path);
      CAPTURE(c.line);
      CHECK(code == ExitCode::kDataErr);
      CHECK(msg == path.string() + ":2: " + c.expected);
    }
  }

  TEST_CASE("timestamps going backwards are an error") {
    const auto path = write_trace("backwards.jsonl",
                                  R"({"timestamp": 100, "input_length": 1, "output_length": 1, "hash_ids": [1]}
{"timestamp": 99, "input_length": 1, "output_length": 1, "hash_ids": [2]}
)");
    const auto [msg, code] = read_all(path);
    CHECK(code == ExitCode::kDataErr);
    CHECK(msg == path.string() +
                     ":2: field 'timestamp': 99 ms is before the previous request's 100 ms (the trace must be sorted "
                     "by time)");
  }

  TEST_CASE("a missing file is exit 66") {
    const auto [msg, code] = read_all("/nonexistent/trace.jsonl");
    CHECK(code == ExitCode::kNoInput);
    CHECK(msg == "cannot open trace '/nonexistent/trace.jsonl': No such file or directory");
  }

  TEST_CASE("writer and reader round-trip, renumbering ids densely in order of appearance") {
    const auto path = test::scratch_dir("mooncake_writer") / "out.jsonl";
    {
      MooncakeWriter w(path.string());
      w.write(Request{0, 1'500'000, 600, 3, {0xdeadbeef, 0x1234}});
      w.write(Request{1, 2'000'001, 100, 1, {0xdeadbeef}});
      w.close();
    }
    std::ifstream in(path);
    std::string line1;
    std::string line2;
    std::getline(in, line1);
    std::getline(in, line2);
    CHECK(line1 == R"({"timestamp": 1.500000, "input_length": 600, "output_length": 3, "hash_ids": [0, 1]})");
    CHECK(line2 == R"({"timestamp": 2.000001, "input_length": 100, "output_length": 1, "hash_ids": [0]})");
    std::vector<Request> rs;
    CHECK(read_all(path, &rs).first.empty());
    REQUIRE(rs.size() == 2);
    CHECK(rs[0].arrival_ns == 1'500'000);
    CHECK(rs[1].arrival_ns == 2'000'001);
  }
}
