// Least loaded: the instance with the fewest requests waiting or running; ties go to the
// lowest index.
#pragma once

#include "core/sim/routing/i_router.h"

namespace kvtier {

class LeastLoadedRouter final : public IRouter {
 public:
  explicit LeastLoadedRouter(std::size_t instances) : instances_(instances) {}
  std::size_t route(const Request& request, const IRoutingView& view) override;
  bool reads_view() const override { return true; }

 private:
  std::size_t instances_;
};

}  // namespace kvtier
