// Which instance serves a request.
#pragma once

#include <cstddef>
#include <cstdint>

#include "workloads/request.h"

namespace kvtier {

// What a router may know of the instances when it routes a request.
class IRoutingView {
 public:
  virtual ~IRoutingView() = default;
  // Requests waiting or running on the instance (timing off: requests routed to it so far).
  virtual std::uint64_t load(std::size_t instance) const = 0;
  // The leading blocks of the request held in the instance's own tiers (those not shared
  // by every instance), without touching them.
  virtual std::uint64_t cached_prefix_blocks(std::size_t instance, const Request& request) const = 0;
};

// Contract: route() returns an instance in [0, instances) and depends only on the requests
// routed so far and on the view (never on addresses or hash-map order). A router whose
// choice does not read the view says so, so that callers may route ahead of time.
class IRouter {
 public:
  virtual ~IRouter() = default;
  virtual std::size_t route(const Request& request, const IRoutingView& view) = 0;
  virtual bool reads_view() const = 0;
};

}  // namespace kvtier
