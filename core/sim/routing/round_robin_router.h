// Round robin: request i goes to instance i mod instances.
#pragma once

#include "core/sim/routing/i_router.h"

namespace kvtier {

class RoundRobinRouter final : public IRouter {
 public:
  explicit RoundRobinRouter(std::size_t instances) : instances_(instances) {}
  std::size_t route(const Request& request, const IRoutingView& view) override;
  bool reads_view() const override { return false; }

 private:
  std::size_t instances_;
  std::size_t next_ = 0;
};

}  // namespace kvtier
