// The co-simulation protocol of `kvtier serve`: one JSON object per line in, one per line
// out, over one TierModel (one per connection). Requests:
//   {"op": "info"}                                         the system: tiers, instances, block size
//   {"op": "use", "instance": 0, "blocks": [...], "now_ns": t}   TierModel::use (and
//                                                         "computed_now": false, optional)
//   {"op": "insert", "instance": 0, "blocks": [...], "now_ns": t}   TierModel::insert
//   {"op": "find", "instance": 0, "block": b}              TierModel::find
//   {"op": "counters"} or {"op": "counters", "level": l}   every tier's counts, or one's
// "instance" defaults to 0; "id" (any JSON value) is echoed in the reply. A reply has
// "ok": true and the results, or "ok": false, "exit_code" (sysexits) and "error", a
// line naming the request's line number and the field at fault.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kvtier/tier_model.h"

namespace kvtier {

class CosimSession {
 public:
  explicit CosimSession(TierModel model) : model_(std::move(model)) {}

  // The reply to one request line (without its newline). Contract: bad input never
  // throws; the reply says what was wrong, and the session goes on.
  std::string handle(std::string_view line);

 private:
  TierModel model_;
  std::uint64_t line_ = 0;  // of the request being handled, from 1
};

}  // namespace kvtier
