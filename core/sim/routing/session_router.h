// Session affinity: every request of a session goes to the same instance, picked by a
// hash of the session. A workload without session ids (the Mooncake traces) stands in
// the id of the request's block at `session_block` (or its last block, if shorter): the
// turns of one conversation share their leading blocks (but in the Mooncake traces every
// request shares block 0, hence the default of 1).
#pragma once

#include "core/sim/routing/i_router.h"

namespace kvtier {

class SessionRouter final : public IRouter {
 public:
  SessionRouter(std::size_t instances, std::size_t session_block)
      : instances_(instances), session_block_(session_block) {}
  std::size_t route(const Request& request, const IRoutingView& view) override;
  bool reads_view() const override { return false; }

 private:
  std::size_t instances_;
  std::size_t session_block_;
};

}  // namespace kvtier
