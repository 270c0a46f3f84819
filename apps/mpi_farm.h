// Sweeps across machines: a task farm over MPI (OpenMPI, started by mpirun or Slurm's
// srun). Rank 0 hands out task indices, one to each rank as it becomes free, and gathers
// each task's result bytes; the other ranks run the tasks. Which rank runs which task
// varies from run to run; the results, gathered by index, do not.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace kvtier::cli {

class MpiFarm {
 public:
  // Contract: at most one per process (it initialises and finalises MPI).
  MpiFarm();
  // On rank 0, stops every rank still waiting for work, so none is left hanging when
  // rank 0 fails before or while farming out.
  ~MpiFarm();
  MpiFarm(const MpiFarm&) = delete;
  MpiFarm& operator=(const MpiFarm&) = delete;

  bool is_master() const { return rank_ == 0; }
  int workers() const { return ranks_ - 1; }

  // Rank 0: runs tasks [0, tasks) on the other ranks (on `local_jobs` threads here when
  // there are none) and returns their results by index, calling on_done as each ends. An
  // Error a task threw on its rank is rethrown here once all have ended, the first in
  // index order, prefixed with "run i of n", as run_parallel does.
  std::vector<std::string> run(std::size_t tasks, std::size_t local_jobs,
                               const std::function<std::string(std::size_t)>& task,
                               const std::function<void(std::size_t done, std::size_t total)>& on_done = {});
  // Other ranks: runs the tasks rank 0 sends until it says stop.
  void serve(const std::function<std::string(std::size_t)>& task);

 private:
  void stop_waiting_workers();

  int rank_ = 0;
  int ranks_ = 1;
  std::vector<bool> stopped_;  // rank 0: workers told to stop
};

}  // namespace kvtier::cli
