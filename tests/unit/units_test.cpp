#include <doctest/doctest.h>

#include "core/units/units.h"

using namespace kvtier;
using namespace kvtier::units;

TEST_SUITE("units") {
  TEST_CASE("sizes: decimal and binary prefixes are both right") {
    CHECK(parse_size("64GiB").value == 64ULL << 30);
    CHECK(parse_size("64GB").value == 64'000'000'000ULL);
    CHECK(parse_size("1.5TB").value == 1'500'000'000'000ULL);
    CHECK(parse_size("1.5TiB").value == 3ULL << 39);
    CHECK(parse_size("122.88TB").value == 122'880'000'000'000ULL);
    CHECK(parse_size("4096B").value == 4096);
    CHECK(parse_size("1KiB").value == 1024);
    CHECK(parse_size("1kB").value == 1000);
    CHECK(parse_size("2 PiB").value == 2ULL << 50);
    CHECK(parse_size("0.5KiB").value == 512);
    CHECK(parse_size("1_000 blocks") == Size{1000, true});
    CHECK(parse_size("100000 blocks") == Size{100000, true});
    CHECK(parse_size("1 block") == Size{1, true});
    // Not a whole number of bytes: rounded to the nearest.
    CHECK(parse_size("0.1KiB").value == 102);
  }

  TEST_CASE("bandwidths: bytes and bits per second") {
    CHECK(parse_bandwidth("3.35TB/s") == 3'350'000'000'000ULL);
    CHECK(parse_bandwidth("52GB/s") == 52'000'000'000ULL);
    CHECK(parse_bandwidth("614.4GB/s") == 614'400'000'000ULL);
    CHECK(parse_bandwidth("25Gb/s") == 3'125'000'000ULL);
    CHECK(parse_bandwidth("400Gb/s") == 50'000'000'000ULL);
    CHECK(parse_bandwidth("1GiB/s") == 1ULL << 30);
  }

  TEST_CASE("times: integer nanoseconds") {
    CHECK(parse_time("120us") == 120'000);
    CHECK(parse_time("2ms") == 2'000'000);
    CHECK(parse_time("0.4us") == 400);
    CHECK(parse_time("1.5s") == 1'500'000'000);
    CHECK(parse_time("10min") == 600'000'000'000);
    CHECK(parse_time("1h") == 3'600'000'000'000);
    CHECK(parse_time("7ns") == 7);
    CHECK(parse_time("3\xC2\xB5s") == 3'000);
  }

  TEST_CASE("bad strings are errors that quote them") {
    const auto message = [](auto f) -> std::string {
      try {
        f();
      } catch (const UnitError& e) {
        return e.what();
      }
      return "no error";
    };
    CHECK(message([] { parse_size("64XB"); }) ==
          "bad size '64XB': unknown unit 'XB' (use B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB, or blocks)");
    CHECK(message([] { parse_size("64"); }).find("bad size '64': missing unit") == 0);
    CHECK(message([] { parse_size("64Gb"); }).find("'Gb' is bits") != std::string::npos);
    CHECK(message([] { parse_size("-1GB"); }) == "bad size '-1GB': must not be negative");
    CHECK(message([] { parse_size("GB"); }) == "bad size 'GB': expected a number");
    CHECK(message([] { parse_size(""); }) == "bad size '': empty");
    CHECK(message([] { parse_size("1.5 blocks"); }).find("whole number") != std::string::npos);
    CHECK(message([] { parse_size("1e3GB"); }).find("exponents are not accepted") != std::string::npos);
    CHECK(message([] { parse_size("99999999999PB"); }) == "bad size '99999999999PB': too large");
    CHECK(message([] { parse_bandwidth("52GB"); }).find("missing '/s'") != std::string::npos);
    CHECK(message([] { parse_bandwidth("52GX/s"); }).find("unknown unit 'GX/s'") != std::string::npos);
    CHECK(message([] { parse_time("5"); }).find("missing unit") != std::string::npos);
    CHECK(message([] { parse_time("5 fortnights"); }).find("unknown unit 'fortnights'") != std::string::npos);
    CHECK(message([] { parse_time("1.2.3s"); }).find("unknown unit '.3s'") != std::string::npos);
  }

  TEST_CASE("formatting is exact and round-trips") {
    CHECK(format_bytes(64ULL << 30) == "64GiB");
    CHECK(format_bytes(80'000'000'000ULL) == "80GB");
    CHECK(format_bytes(1'500'000'000'000ULL) == "1.5TB");
    CHECK(format_bytes(1536) == "1.5KiB");
    CHECK(format_bytes(1'000'000) == "1MB");
    CHECK(format_bytes(122'880'000'000'000ULL) == "122.88TB");
    CHECK(format_bytes(7) == "7B");
    CHECK(format_size(Size{1000, true}) == "1000 blocks");
    CHECK(format_bandwidth(3'350'000'000'000ULL) == "3.35TB/s");
    CHECK(format_bandwidth(3'125'000'000ULL) == "3.125GB/s");
    CHECK(format_time(400) == "400ns");
    CHECK(format_time(1'500) == "1.5us");
    CHECK(format_time(600'000'000'000) == "10min");
    CHECK(format_time(90'000'000'000) == "90s");
    for (const std::uint64_t v : {1ULL, 999ULL, 1023ULL, 123456789ULL, 1ULL << 40, 122'880'000'000'000ULL, 7'777'777ULL}) {
      CHECK(parse_size(format_bytes(v)).value == v);
      CHECK(parse_bandwidth(format_bandwidth(v)) == v);
      CHECK(static_cast<std::uint64_t>(parse_time(format_time(static_cast<SimTimeNs>(v)))) == v);
    }
  }
}
