// What a tier copy's store tells the parts that shadow it (the NAND under a flash tier,
// the real bytes of a real-backed run): every block it takes, reads and lets go, by slot.
#pragma once

#include "tiers/block_access.h"
#include "tiers/block_id.h"

namespace kvtier {

class IBlockObserver {
 public:
  virtual ~IBlockObserver() = default;
  // Contract: `slot` now holds `block` (it held nothing).
  virtual void written(Slot slot, const BlockAccess& block) = 0;
  // Contract: `slot` held a block and now holds none.
  virtual void released(Slot slot) = 0;
  // The block in `slot` is read (loaded up, copied down, or used in place).
  virtual void read(Slot slot, const BlockAccess& block) = 0;
};

}  // namespace kvtier
