// Whether a tier copy takes a block it is offered (written back to it, or written through).
#pragma once

#include <cstddef>
#include <string_view>

#include "tiers/block_access.h"

namespace kvtier {

// Contract:
//  - on_access is called for every block access of the instances that reach this tier
//    copy, in order, if wants_accesses(); policies that count offers ignore it.
//  - admit is called when a block absent from the tier is offered for writing; `victim`
//    is the block the tier would evict to make room for it (null when there is room or
//    no guess). A refusal means the block is not written (the caller counts it).
//  - Decisions depend only on the calls received, so runs are deterministic.
class IAdmissionPolicy {
 public:
  virtual ~IAdmissionPolicy() = default;
  virtual std::string_view name() const = 0;
  virtual bool wants_accesses() const { return false; }
  virtual void on_access(const BlockAccess& /*access*/) {}
  virtual bool admit(const BlockAccess& block, const BlockAccess* victim) = 0;
  virtual std::size_t memory_bytes() const { return 0; }
};

}  // namespace kvtier
