// A uniformly random member of a set, for tests that drive a policy with random operations.
#pragma once

#include <iterator>
#include <set>

#include "core/rng/rng.h"

namespace kvtier::test {

template <typename T>
T pick(const std::set<T>& from, Rng& rng) {
  auto it = from.begin();
  std::advance(it, static_cast<std::ptrdiff_t>(rng.below(from.size())));
  return *it;
}

}  // namespace kvtier::test
