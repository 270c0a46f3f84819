#include "core/sweep/sweep_runner.h"

#include <algorithm>
#include <atomic>
#include <fmt/format.h>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "kvtier/error.h"

namespace kvtier {

void run_parallel(std::size_t tasks, std::size_t jobs, const std::function<void(std::size_t)>& task,
                  const std::function<void(std::size_t done, std::size_t total)>& on_done) {
  std::vector<std::optional<Error>> errors(tasks);
  std::mutex mutex;
  std::atomic<std::size_t> next{0};
  std::size_t done = 0;
  const auto worker = [&] {
    for (std::size_t i = next++; i < tasks; i = next++) {
      try {
        task(i);
      } catch (const Error& e) {
        errors[i] = e;
      }
      const std::lock_guard lock(mutex);
      ++done;
      if (on_done) on_done(done, tasks);
    }
  };
  const std::size_t threads = std::max<std::size_t>(1, std::min(jobs, tasks));
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& t : pool) t.join();
  for (std::size_t i = 0; i < tasks; ++i) {
    if (errors[i]) throw Error(errors[i]->code(), fmt::format("run {} of {}: {}", i + 1, tasks, errors[i]->what()));
  }
}

}  // namespace kvtier
