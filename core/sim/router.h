// Which instance serves a request.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "workloads/request.h"

namespace kvtier {

// Contract: route() returns an instance in [0, instances) and depends only on the
// requests routed so far (never on addresses or hash-map order).
class IRouter {
 public:
  virtual ~IRouter() = default;
  virtual std::size_t route(const Request& request) = 0;
};

class RoundRobinRouter final : public IRouter {
 public:
  explicit RoundRobinRouter(std::size_t instances) : instances_(instances) {}
  std::size_t route(const Request& /*request*/) override {
    const std::size_t i = next_;
    next_ = next_ + 1 == instances_ ? 0 : next_ + 1;
    return i;
  }

 private:
  std::size_t instances_;
  std::size_t next_ = 0;
};

std::unique_ptr<IRouter> make_router(std::string_view name, std::size_t instances);

}  // namespace kvtier
