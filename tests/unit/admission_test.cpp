#include <doctest/doctest.h>

#include "tiers/admission/frequency_admission.h"
#include "tiers/admission/reuse_admission.h"
#include "tiers/admission/reuse_time_admission.h"
#include "tiers/admission/tinylfu_admission.h"

using namespace kvtier;

namespace {
BlockAccess at(BlockId id, SimTimeNs seconds) { return BlockAccess{id, 0, seconds * kNsPerS}; }
}  // namespace

TEST_SUITE("tiers") {
  TEST_CASE("frequency admission: doubling per offer, decay by one per step, by hand") {
    AdmissionParams p;
    p.frequency_threshold = 4;
    p.frequency_decay_ns = 100 * kNsPerS;
    FrequencyAdmission f(p);
    CHECK_FALSE(f.admit(at(1, 0), nullptr));  // 1
    CHECK_FALSE(f.admit(at(1, 10), nullptr));  // 2
    CHECK(f.admit(at(1, 20), nullptr));        // 4
    CHECK_FALSE(f.admit(at(2, 30), nullptr));  // 1
    CHECK_FALSE(f.admit(at(2, 40), nullptr));  // 2
    // Two decay steps pass (at 100 s and 200 s): 2 -> 0, forgotten; block 1: 4 -> 2.
    CHECK_FALSE(f.admit(at(2, 250), nullptr));  // 1 again
    CHECK(f.admit(at(1, 260), nullptr));        // 2 * 2 = 4
    // Forgotten, block 2 counts afresh (a count kept at 0 would double to 0 for ever).
    CHECK_FALSE(f.admit(at(2, 270), nullptr));  // 2
    CHECK(f.admit(at(2, 280), nullptr));        // 4
  }

  TEST_CASE("frequency admission: too many tracked blocks trigger extra decay steps") {
    AdmissionParams p;
    p.frequency_threshold = 2;
    p.frequency_decay_ns = kSimTimeNever / 2;
    p.frequency_max_entries = 2;
    FrequencyAdmission f(p);
    f.admit(at(1, 0), nullptr);
    f.admit(at(2, 0), nullptr);
    f.admit(at(3, 0), nullptr);               // three tracked: a decay step forgets all (each at 1)
    CHECK_FALSE(f.admit(at(1, 0), nullptr));  // so 1 starts over
  }

  TEST_CASE("reuse admission: seen at least twice among the most recently seen") {
    AdmissionParams p;
    p.reuse_threshold = 2;
    p.reuse_tracker_size = 2;
    ReuseAdmission r(p);
    r.on_access(at(1, 0));
    CHECK_FALSE(r.admit(at(1, 0), nullptr));
    r.on_access(at(1, 1));
    CHECK(r.admit(at(1, 1), nullptr));
    r.on_access(at(2, 2));
    r.on_access(at(3, 3));  // the tracker holds 2: block 1 is forgotten
    CHECK_FALSE(r.admit(at(1, 3), nullptr));
  }

  TEST_CASE("tinylfu: estimates follow frequency; admits over a rarer victim only") {
    AdmissionParams p;
    TinyLfuAdmission t(p, 1000);
    for (int i = 0; i < 6; ++i) t.on_access(at(7, i));
    t.on_access(at(8, 0));
    CHECK(t.estimate(7) == 6);
    CHECK(t.estimate(8) == 1);
    CHECK(t.estimate(9) == 0);
    const BlockAccess rare = at(8, 0);
    const BlockAccess popular = at(7, 0);
    CHECK(t.admit(at(7, 0), &rare));
    CHECK_FALSE(t.admit(at(8, 0), &popular));
    CHECK(t.admit(at(9, 0), nullptr));  // room to spare
  }

  TEST_CASE("tinylfu: counts halve after the sample") {
    AdmissionParams p;
    p.tinylfu_sample_factor = 1;
    TinyLfuAdmission t(p, 16);  // sample of 16 accesses
    for (int i = 0; i < 9; ++i) t.on_access(at(7, i));
    CHECK(t.estimate(7) == 9);
    for (int i = 0; i < 7; ++i) t.on_access(at(100 + static_cast<BlockId>(i), i));  // 16th access resets
    CHECK(t.estimate(7) == 4);  // (9 - 1) / 2, the doorkeeper cleared
  }

  TEST_CASE("reuse-time admission: the last gap against the residency time") {
    AdmissionParams p;
    ReuseTimeAdmission r(p, 2);          // a tier of 2 blocks
    CHECK(r.admit(at(1, 0), nullptr));   // still filling: no residency yet
    CHECK(r.admit(at(2, 10), nullptr));
    r.on_access(at(3, 0));
    r.on_access(at(3, 8));   // last gap 8 s
    r.on_access(at(4, 0));
    r.on_access(at(4, 15));  // last gap 15 s
    r.on_access(at(5, 5));   // seen once
    // At 10 s: 2 admitted in 10 s, residency = 2 / (2 / 10 s) = 10 s; 8 s is within.
    CHECK(r.admit(at(3, 10), nullptr));
    // At 20 s: 3 admitted in 20 s, residency = 2 / (3 / 20 s) = 13.3 s; 15 s is not.
    CHECK_FALSE(r.admit(at(4, 20), nullptr));
    CHECK_FALSE(r.admit(at(5, 20), nullptr));  // no reuse seen
  }
}
