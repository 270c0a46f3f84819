// Real backing: CRC-32C against published check values, frames that tell intact bytes
// from torn or foreign ones, the io_uring store on a real file, the RocksDB directory, and
// a backed hierarchy whose directory lists exactly what its flash tier holds.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fmt/format.h>
#include <set>
#include <vector>

#include "core/rng/rng.h"
#include "kvtier/error.h"
#include "tests/support/paths.h"
#include "tiers/backing/ack_log.h"
#include "tiers/backing/backing_set.h"
#include "tiers/backing/block_directory.h"
#include "tiers/backing/block_frame.h"
#include "tiers/backing/crc32c.h"
#include "tiers/backing/ram_frame_store.h"
#include "tiers/backing/uring_frame_store.h"
#include "tiers/hierarchy.h"

using namespace kvtier;

namespace {
std::vector<std::byte> bytes_of(std::string_view s) {
  std::vector<std::byte> b(s.size());
  std::memcpy(b.data(), s.data(), s.size());
  return b;
}

std::vector<std::byte> frame_for(BlockId id, std::uint64_t generation, std::uint64_t payload, std::uint64_t frame_bytes) {
  std::vector<std::byte> f(frame_bytes);
  FrameHeader h;
  h.block = id;
  h.generation = generation;
  h.payload_bytes = payload;
  build_frame(h, f);
  return f;
}
}  // namespace

namespace {
// A timer that reports fixed service times, as a real-backed copy would report measured ones.
struct FixedTimer final : IServiceTimer {
  SimTimeNs read_ns = 0;
  SimTimeNs write_ns = 0;
  int reads_taken = 0;
  SimTimeNs take_read_ns() override {
    ++reads_taken;
    return read_ns;
  }
  SimTimeNs take_write_ns() override { return write_ns; }
};
}  // namespace

TEST_SUITE("backing") {
  TEST_CASE("measured timing: a copy's port is held for what its timer reports, not bytes over bandwidth") {
    HierarchyConfig c;
    c.block_bytes = 1'000'000;
    c.timed = true;
    TierSpec top;
    top.name = "hbm";
    top.medium = "hbm";
    top.capacity = units::Size{4, true};
    top.read_bytes_per_s = top.write_bytes_per_s = 1'000'000'000'000;  // 1 us per block
    top.eviction = "lru";
    TierSpec ssd = top;
    ssd.name = "ssd";
    ssd.medium = "flash";
    ssd.capacity = units::Size{100, true};
    ssd.read_bytes_per_s = ssd.write_bytes_per_s = 1'000'000'000;  // modelled: 1 ms per block
    ssd.read_latency_ns = 50'000;
    c.tiers = {top, ssd};
    Hierarchy modelled(c);
    CHECK(modelled.load(0, 1, 1, 0, 0) == 50'000 + 1'000'000);
    Hierarchy measured(c);
    FixedTimer timer;
    timer.read_ns = 7'777;
    measured.attach_timer(1, 0, &timer);
    // The measured time replaces the port's hold and its latency; the first tier's 1 us
    // write is shorter, so the transfer takes what was measured.
    CHECK(measured.load(0, 1, 1, 0, 0) == 7'777);
    CHECK(timer.reads_taken == 1);
    // The port stays busy for it: a second load at 0 waits behind the first.
    CHECK(measured.load(0, 1, 1, 0, 0) == 2 * 7'777);
  }

  TEST_CASE("crc32c matches the published check values, with and without SSE4.2") {
    const auto digits = bytes_of("123456789");
    CHECK(crc32c(digits.data(), digits.size()) == 0xE3069283U);  // the CRC catalogue's check value
    CHECK(crc32c_portable(digits.data(), digits.size()) == 0xE3069283U);
    const std::vector<std::byte> zeros(32, std::byte{0});
    const std::vector<std::byte> ones(32, std::byte{0xFF});
    CHECK(crc32c(zeros.data(), zeros.size()) == 0x8A9136AAU);  // RFC 3720 B.4
    CHECK(crc32c(ones.data(), ones.size()) == 0x62A8AB43U);
    Rng rng(7);
    std::vector<std::byte> buf(4099);
    for (auto& b : buf) b = static_cast<std::byte>(rng.next() & 0xFFU);
    for (std::size_t n : {0UL, 1UL, 7UL, 8UL, 9UL, 63UL, 4099UL}) {
      CHECK(crc32c(buf.data(), n) == crc32c_portable(buf.data(), n));
      // Continuing from a prefix's CRC gives the CRC of the whole.
      CHECK(crc32c(buf.data() + n / 2, n - n / 2, crc32c(buf.data(), n / 2)) == crc32c(buf.data(), n));
    }
  }

  TEST_CASE("a frame is intact as written; a flipped byte, zeros or another generation are caught") {
    const std::vector<std::byte> f = frame_for(0xABCD, 3, 1000, 4096);
    CHECK(check_frame(f, 0xABCD, 3, 1000).state == FrameState::kIntact);
    CHECK(check_frame(f, 0xABCD, 4, 1000).state == FrameState::kMissing);  // an older version
    CHECK(check_frame(f, 0xABCE, 3, 1000).state == FrameState::kMissing);  // another block
    for (std::size_t at : {0UL, 30UL, 64UL, 500UL, 1063UL}) {
      std::vector<std::byte> bad = f;
      bad[at] ^= std::byte{0x01};
      CAPTURE(at);
      CHECK(check_frame(bad, 0xABCD, 3, 1000).state == FrameState::kCorrupt);
    }
    const std::vector<std::byte> blank(4096, std::byte{0});
    CHECK(check_frame(blank, 0xABCD, 3, 1000).state == FrameState::kMissing);
    // The payload depends on the block alone.
    CHECK(std::memcmp(frame_for(9, 1, 100, 256).data() + kFrameHeaderBytes,
                      frame_for(9, 2, 100, 256).data() + kFrameHeaderBytes, 100) == 0);
    CHECK(std::memcmp(frame_for(9, 1, 100, 256).data() + kFrameHeaderBytes,
                      frame_for(10, 1, 100, 256).data() + kFrameHeaderBytes, 100) != 0);
  }

  TEST_CASE("the io_uring store writes frames at queue depth and reads back the last version of each") {
    const std::string path = (test::scratch_dir("uring_store") / "frames.data").string();
    const std::uint64_t frame = 8192;
    std::vector<std::string> warnings;
    {
      UringFrameStore store(path, frame, 64, UringOptions{4, frame, true, 2},
                            [&](std::string_view w) { warnings.emplace_back(w); });
      CHECK(store.frame_bytes() % store.file().alignment() == 0);
      for (std::uint64_t i = 0; i < 64; ++i) store.write(i, frame_for(1000 + i, 1, 5000, frame));
      store.write(5, frame_for(1005, 2, 5000, frame));  // a second version while the first may be in flight
      store.write(5, frame_for(1005, 3, 5000, frame));
      std::vector<std::byte> out(frame);
      for (std::uint64_t i = 0; i < 64; ++i) {
        store.read(i, out);
        CAPTURE(i);
        CHECK(check_frame(out, 1000 + i, i == 5 ? 3 : 1, 5000).state == FrameState::kIntact);
      }
      store.sync();
      std::vector<std::uint64_t> done;
      store.take_written(done);
      CHECK(done.size() == 66);
      CHECK(std::set<std::uint64_t>(done.begin(), done.end()).size() == 64);
    }
    // Another store on the same file (a later process) sees the same bytes.
    UringFrameStore again(path, frame, 64, UringOptions{4, frame, true, 2}, nullptr);
    std::vector<std::byte> out(frame);
    again.read(63, out);
    CHECK(check_frame(out, 1063, 1, 5000).state == FrameState::kIntact);
  }

  TEST_CASE("the io_uring store names the file and offset of a failed read, after a short one") {
    const std::string path = (test::scratch_dir("uring_eof") / "short.data").string();
    UringFrameStore store(path, 8192, 1, UringOptions{2, 8192, true, 1}, nullptr);
    REQUIRE(::truncate(path.c_str(), 4096) == 0);  // the file lost the second half of its frame
    std::vector<std::byte> out(8192);
    try {
      store.read(0, out);
      FAIL("the read of a cut frame succeeded");
    } catch (const Error& e) {
      // The first half came back short; its rest, asked for again, met the end.
      CHECK(e.code() == ExitCode::kIoErr);
      CHECK(std::string(e.what()).find(path + ": read at offset 4096 met the end of the file") != std::string::npos);
    }
    CHECK(store.file().reissued() == 1);
  }

  TEST_CASE("short completions are resubmitted until every byte is there") {
    const std::string path = (test::scratch_dir("uring_short") / "frames.data").string();
    const std::uint64_t frame = 64 * 1024;
    UringOptions options{4, frame, true, 2};
    options.short_completion_bytes = 4096;  // every I/O comes back 4 KiB at a time
    UringFrameStore store(path, frame, 16, options, nullptr);
    for (std::uint64_t i = 0; i < 16; ++i) store.write(i, frame_for(500 + i, 1, 60000, frame));
    std::vector<std::byte> out(frame);
    for (std::uint64_t i = 0; i < 16; ++i) {
      store.read(i, out);
      CHECK(check_frame(out, 500 + i, 1, 60000).state == FrameState::kIntact);
    }
    CHECK(store.file().reissued() == 32 * (frame / 4096 - 1));  // 16 writes and 16 reads, 15 resubmissions each
  }

  TEST_CASE("an ack log leaves acknowledged what was added and not removed; a torn last line counts for nothing") {
    const std::string log =
        "+ 2 0 00000000000000aa 1\n"
        "+ 2 0 00000000000000bb 2\n"
        "- 2 0 00000000000000aa 1\n"
        "+ 3 1 00000000000000aa 3\n"
        "+ 2 0 00000000000000bb 7\n"  // written again: the latest generation counts
        "+ 2 0 00000000000000cc 8";    // torn by the kill
    const auto acked = parse_ack_log(log, "t.ack");
    REQUIRE(acked.size() == 2);
    CHECK(acked.at(AckedBlock{2, 0, 0xbb}) == 7);
    CHECK(acked.at(AckedBlock{3, 1, 0xaa}) == 3);
    CHECK(parse_ack_log("", "t.ack").empty());
    for (const char* bad : {"+ 2 0 00000000000000zz 4\n", "* 2 0 00000000000000aa 4\n", "+ 2 0 aa 4\n",
                            "+ 2 0 00000000000000aa\n", "+ 2 0 00000000000000aa 4 5\n", "+ -2 0 00000000000000aa 4\n"}) {
      CAPTURE(bad);
      try {
        parse_ack_log(std::string("+ 1 0 0000000000000001 1\n") + bad, "t.ack");
        FAIL("accepted a bad line");
      } catch (const Error& e) {
        CHECK(e.code() == ExitCode::kDataErr);
        CHECK(std::string(e.what()).rfind("t.ack:2: not an ack log line: '", 0) == 0);
      }
    }
  }

  TEST_CASE("the block directory keeps entries in (level, copy, block) order across reopening") {
    const std::string path = (test::scratch_dir("directory") / "db").string();
    {
      BlockDirectory d(path, true);
      d.put(DirectoryEntry{2, 0, 0xFF, 7, 7 * 8192, 100, 9, 0x1234}, AckLevel::kWritten);
      d.put(DirectoryEntry{1, 3, 0x10, 1, 8192, 100, 4, 0x99}, AckLevel::kWritten);
      d.put(DirectoryEntry{1, 3, 0x01, 2, 16384, 100, 5, 0x98}, AckLevel::kDurable);
      d.erase(1, 3, 0x10, AckLevel::kWritten);
      d.put_meta("ack", "written");
    }
    const BlockDirectory d(path, false);
    std::vector<DirectoryEntry> seen;
    d.for_each([&](const DirectoryEntry& e) { seen.push_back(e); });
    REQUIRE(seen.size() == 2);
    CHECK(seen[0].level == 1);
    CHECK(seen[0].block == 0x01);
    CHECK(seen[0].generation == 5);
    CHECK(seen[1].level == 2);
    CHECK(seen[1].offset == 7 * 8192);
    CHECK(seen[1].payload_crc == 0x1234);
    CHECK(d.meta("ack") == "written");
    CHECK_FALSE(d.meta("nothing").has_value());
    CHECK_THROWS_AS(BlockDirectory((test::scratch_dir("directory_absent") / "db").string(), false), Error);
  }

  TEST_CASE("log placement appends frames in write order around the file; device placement writes at slots") {
    const auto frames_by_generation = [](const std::string& placement, const std::string& eviction) {
      HierarchyConfig c;
      c.block_bytes = 1 << 20;
      c.timed = false;
      TierSpec ssd;
      ssd.name = "ssd";
      ssd.medium = "flash";
      ssd.capacity = units::Size{64, true};
      ssd.read_bytes_per_s = ssd.write_bytes_per_s = 1'000'000'000;
      ssd.eviction = eviction;
      ssd.nand_model = true;
      ssd.nand.over_provisioning = 0.5;
      ssd.nand.erase_block_bytes = 4 << 20;
      ssd.nand.channel_bytes_per_s = 1'000'000'000;
      ssd.nand.program_time_ns = 1'000'000;
      ssd.nand.waf_interval_ns = 1'000'000'000;
      ssd.nand.placement = placement == "log" ? Placement::kLog : Placement::kDevice;
      c.tiers = {ssd};
      Hierarchy h(c);
      BackingOptions options;
      options.dir = test::scratch_dir("placement_" + placement).string();
      options.scale = 1.0 / 256;
      options.ack = AckLevel::kWritten;
      BackingSet backing(h, options, nullptr);
      Rng rng(5);
      for (int i = 0; i < 3000; ++i) h.access(0, BlockAccess{rng.below(200) + 1, 0, i}, true);
      backing.finish(true);
      std::vector<std::pair<std::uint64_t, std::uint64_t>> by_frame;  // frame, generation
      backing.directory().for_each([&](const DirectoryEntry& e) { by_frame.emplace_back(e.slot, e.generation); });
      std::sort(by_frame.begin(), by_frame.end());
      // Generations along the frames: a log written in order around the file falls once
      // (where it wraps); blocks written where their slots were freed fall often.
      int falls = 0;
      for (std::size_t i = 1; i < by_frame.size(); ++i) falls += by_frame[i].second < by_frame[i - 1].second ? 1 : 0;
      CHECK(by_frame.size() == 64);
      return falls;
    };
    CHECK(frames_by_generation("log", "fifo") <= 1);
    CHECK(frames_by_generation("device", "lru") > 10);
  }

  TEST_CASE("a backed hierarchy: the directory lists exactly the flash tier's blocks, and a torn frame stops a read") {
    HierarchyConfig c;
    c.block_bytes = 1 << 20;
    c.timed = false;
    TierSpec ddr;
    ddr.name = "ddr";
    ddr.medium = "ddr";
    ddr.capacity = units::Size{8, true};
    ddr.read_bytes_per_s = ddr.write_bytes_per_s = 1'000'000'000;
    ddr.eviction = "lru";
    TierSpec ssd = ddr;
    ssd.name = "ssd";
    ssd.medium = "flash";
    ssd.capacity = units::Size{32, true};
    c.tiers = {ddr, ssd};
    Hierarchy h(c);
    const std::string dir = test::scratch_dir("backed_hierarchy").string();
    BackingOptions options;
    options.dir = dir;
    options.scale = 1.0 / 16;
    options.ack = AckLevel::kWritten;
    options.queue_depth = 4;
    BackingSet backing(h, options, nullptr);
    CHECK(backing.payload_bytes() == 65536);
    Rng rng(11);
    for (int i = 0; i < 2000; ++i) h.access(0, BlockAccess{rng.below(60) + 1, 0, i}, true);
    backing.finish(true);
    // Independently of the backing: the blocks the flash tier's store holds.
    std::set<BlockId> resident;
    for (BlockId id = 1; id <= 60; ++id) {
      if (h.store(1, 0).find(id) != kNoSlot) resident.insert(id);
    }
    std::set<BlockId> listed;
    const BlockDirectory& d = backing.directory();
    d.for_each([&](const DirectoryEntry& e) {
      CHECK(e.level == 1);
      listed.insert(e.block);
    });
    CHECK(listed == resident);
    CHECK(d.meta("complete") == "true");
    const std::vector<BackedTierSummary> s = backing.summarize(h);
    CHECK(s[0].store == "ram");
    CHECK(s[1].store == "io_uring");
    CHECK(s[1].written_frames == h.stats(1).inserted_blocks);
    CHECK(s[1].read_frames == h.stats(1).promoted_blocks);  // the bottom tier's victims are dropped unread
    CHECK(s[0].read_frames >= h.stats(0).hit_blocks);

    // Tear the frame of a block held on flash (not in DDR), then load it.
    BlockId victim = 0;
    for (const BlockId id : resident) {
      if (h.store(0, 0).find(id) == kNoSlot) victim = id;
    }
    REQUIRE(victim != 0);
    const Slot slot = h.store(1, 0).find(victim);
    const std::uint64_t frame = s[1].frame_bytes;
    const int fd = ::open((std::filesystem::path(dir) / "ssd-0.data").c_str(), O_WRONLY);
    REQUIRE(fd >= 0);
    const char junk = 0x5A;
    REQUIRE(::pwrite(fd, &junk, 1, static_cast<off_t>(slot * frame + 100)) == 1);
    ::close(fd);
    try {
      h.access(0, BlockAccess{victim, 0, 5000}, true);
      FAIL("a torn frame was read without complaint");
    } catch (const Error& e) {
      CHECK(e.code() == ExitCode::kDataErr);
      CHECK(std::string(e.what()).find(fmt::format("block {:016x} at offset {}: corrupt frame", victim, slot * frame)) !=
            std::string::npos);
    }
  }
}
