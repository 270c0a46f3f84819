// Reference implementations of the eviction policies, written for the tests from the
// papers' pseudocode with plain standard containers (lists, deques, ordered sets, linear
// searches). They share no code with tiers/eviction/: a slow, obviously correct cache to
// check kvtier's fast one against, access by access.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "kvtier/sim_time.h"
#include "tiers/block_access.h"
#include "tiers/eviction/eviction_params.h"

namespace kvtier::test {

// A demand cache: every access hits, or misses and is inserted (evicting as needed).
class ReferenceCache {
 public:
  virtual ~ReferenceCache() = default;
  // Called once per request before its accesses (time-driven policies expire here).
  virtual void tick(SimTimeNs /*now*/) {}
  virtual bool access(const BlockAccess& a) = 0;
};

std::unique_ptr<ReferenceCache> make_reference(std::string_view policy, std::uint64_t capacity,
                                               const EvictionParams& params);

}  // namespace kvtier::test
