#include "apps/mpi_farm.h"

#include <chrono>
#include <cstdint>
#include <cstring>
#include <fmt/format.h>
#include <mpi.h>
#include <optional>
#include <thread>

#include "core/sweep/sweep_runner.h"
#include "kvtier/error.h"

namespace kvtier::cli {

namespace {
// Rank 0 to a worker: a task index (8 bytes), or stop (empty).
constexpr int kTaskTag = 1;
constexpr int kStopTag = 2;
// A worker to rank 0: the task index (8 bytes), then 0 and the result's bytes, or 1, the
// error's exit code (4 bytes) and its message.
constexpr int kResultTag = 3;

void send(const std::string& bytes, int to, int tag) {
  MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, to, tag, MPI_COMM_WORLD);
}

std::string receive(int from, int tag, MPI_Status& status) {
  MPI_Probe(from, tag, MPI_COMM_WORLD, &status);
  int count = 0;
  MPI_Get_count(&status, MPI_BYTE, &count);
  std::string bytes(static_cast<std::size_t>(count), '\0');
  MPI_Recv(bytes.data(), count, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return bytes;
}

template <typename T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

template <typename T>
T take(const std::string& in, std::size_t at) {
  if (in.size() < at + sizeof(T)) throw Error(ExitCode::kSoftware, "MPI farm: a message cut short");
  T v;
  std::memcpy(&v, in.data() + at, sizeof v);
  return v;
}
}  // namespace

MpiFarm::MpiFarm() {
  MPI_Init(nullptr, nullptr);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks_);
  stopped_.assign(static_cast<std::size_t>(ranks_), false);
}

MpiFarm::~MpiFarm() {
  if (is_master()) stop_waiting_workers();
  MPI_Finalize();
}

void MpiFarm::stop_waiting_workers() {
  for (int w = 1; w < ranks_; ++w) {
    if (stopped_[static_cast<std::size_t>(w)]) continue;
    send("", w, kStopTag);
    stopped_[static_cast<std::size_t>(w)] = true;
  }
}

std::vector<std::string> MpiFarm::run(std::size_t tasks, std::size_t local_jobs,
                                      const std::function<std::string(std::size_t)>& task,
                                      const std::function<void(std::size_t done, std::size_t total)>& on_done) {
  std::vector<std::string> results(tasks);
  if (ranks_ == 1) {
    run_parallel(tasks, local_jobs, [&](std::size_t i) { results[i] = task(i); }, on_done);
    return results;
  }
  std::vector<std::optional<Error>> errors(tasks);
  std::size_t next = 0;
  std::size_t done = 0;
  const auto hand_out = [&](int worker) {
    if (next == tasks) {
      send("", worker, kStopTag);
      stopped_[static_cast<std::size_t>(worker)] = true;
      return;
    }
    std::string message;
    put(message, static_cast<std::uint64_t>(next++));
    send(message, worker, kTaskTag);
  };
  for (int w = 1; w < ranks_; ++w) hand_out(w);
  while (done < tasks) {
    // Polled rather than waited for: a blocking receive in OpenMPI spins, and would take
    // a core from a worker on this node.
    int arrived = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, kResultTag, MPI_COMM_WORLD, &arrived, &status);
    if (arrived == 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      continue;
    }
    const std::string message = receive(status.MPI_SOURCE, kResultTag, status);
    const auto index = take<std::uint64_t>(message, 0);
    if (index >= tasks) throw Error(ExitCode::kSoftware, "MPI farm: a result for no task");
    if (take<char>(message, 8) == 0) {
      results[index] = message.substr(9);
    } else {
      errors[index] = Error(static_cast<ExitCode>(take<std::int32_t>(message, 9)), message.substr(13));
    }
    ++done;
    if (on_done) on_done(done, tasks);
    hand_out(status.MPI_SOURCE);
  }
  stop_waiting_workers();
  for (std::size_t i = 0; i < tasks; ++i) {
    if (errors[i]) throw Error(errors[i]->code(), fmt::format("run {} of {}: {}", i + 1, tasks, errors[i]->what()));
  }
  return results;
}

void MpiFarm::serve(const std::function<std::string(std::size_t)>& task) {
  for (;;) {
    MPI_Status status;
    const std::string message = receive(0, MPI_ANY_TAG, status);
    if (status.MPI_TAG == kStopTag) return;
    const auto index = take<std::uint64_t>(message, 0);
    std::string reply;
    put(reply, index);
    try {
      const std::string result = task(index);
      reply += '\0';
      reply += result;
    } catch (const Error& e) {
      reply += '\1';
      put(reply, static_cast<std::int32_t>(e.code()));
      reply += e.what();
    } catch (const std::exception& e) {
      reply += '\1';
      put(reply, static_cast<std::int32_t>(ExitCode::kSoftware));
      reply += fmt::format("internal error: {}", e.what());
    }
    send(reply, 0, kResultTag);
  }
}

}  // namespace kvtier::cli
