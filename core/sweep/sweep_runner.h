// Runs independent tasks (the points of a sweep) on a pool of threads. Each task writes
// only its own result slot, so what a sweep reports does not depend on the thread count
// or on which task finishes first.
#pragma once

#include <cstddef>
#include <functional>

namespace kvtier {

// Calls task(i) for every i in [0, tasks) on up to `jobs` threads, then on_done (one
// call at a time) as each ends. Contract: task(i) touches no state task(j) touches. An
// Error a task throws is rethrown here once all have ended, the first in index order,
// prefixed with "run i of n".
void run_parallel(std::size_t tasks, std::size_t jobs, const std::function<void(std::size_t)>& task,
                  const std::function<void(std::size_t done, std::size_t total)>& on_done = {});

}  // namespace kvtier
