// One file or block device driven through io_uring (liburing 2.3): O_DIRECT where the
// filesystem takes it, a fixed set of aligned buffers registered with the ring, the file
// registered too, batched submission, and every completion checked (conventions.md §B2):
// short reads and writes are resubmitted for the rest, -EAGAIN is reissued a bounded
// number of times, a read that meets end of file, any other error, CQ overflow and a
// failed fsync are fatal (kvtier::Error, kIoErr, naming the file, offset and errno).
//
// Each buffer carries at most one I/O at a time, so a buffer is the handle of its I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

struct io_uring;
struct io_uring_cqe;
struct io_uring_sqe;

namespace kvtier {

struct UringOptions {
  unsigned queue_depth = 32;       // I/Os in flight at once (and buffers)
  std::uint64_t buffer_bytes = 0;  // each buffer; a multiple of the alignment
  bool direct = true;              // O_DIRECT, falling back (with a warning) where refused
  unsigned submit_batch = 8;       // queued I/Os that trigger a submission
  // Fault injection for tests: a completion of more bytes than this is taken as a short
  // one of this many (the rest is submitted again), as a kernel may return. 0: off.
  std::uint64_t short_completion_bytes = 0;
};

class UringFile {
 public:
  enum class Op : std::uint8_t { kNone, kRead, kWrite };

  // Opens (creating a regular file of `size_bytes` if needed; a block device as it is).
  // Contract: throws Error(kIoErr) if the file cannot be opened or the ring set up.
  UringFile(const std::string& path, std::uint64_t size_bytes, const UringOptions& options,
            const std::function<void(std::string_view)>& warn);
  ~UringFile();
  UringFile(const UringFile&) = delete;
  UringFile& operator=(const UringFile&) = delete;

  // Offsets, lengths and buffers of O_DIRECT I/O must be multiples of this.
  std::uint64_t alignment() const { return alignment_; }
  bool direct() const { return direct_; }
  unsigned queue_depth() const { return static_cast<unsigned>(slots_.size()); }
  unsigned in_flight() const { return in_flight_; }
  std::byte* buffer(unsigned i) { return buffers_ + static_cast<std::size_t>(i) * buffer_bytes_; }
  const std::string& path() const { return path_; }

  // A buffer with no I/O on it, waiting for completions if every one is busy (calling
  // `done` for them).
  unsigned free_buffer(const std::function<void(unsigned, Op)>& done);
  // Queues `len` bytes between buffer `buf` and `offset`. Contract: no I/O is on buf (it
  // came from free_buffer, or its I/O's completion is being reported), len <=
  // buffer_bytes, offset and len aligned when direct().
  void queue(Op op, unsigned buf, std::uint64_t offset, std::uint64_t len);
  // Submits what is queued and waits until at least `min` I/Os have finished (or none is
  // in flight), calling done(buf, op) for each. Returns how many finished.
  std::size_t reap(std::size_t min, const std::function<void(unsigned, Op)>& done);
  // Submits what is queued and handles the completions already there, without waiting.
  std::size_t poll(const std::function<void(unsigned, Op)>& done);
  // Waits for every I/O in flight.
  void drain(const std::function<void(unsigned, Op)>& done) { reap(in_flight_, done); }
  // fdatasync through the ring, after the writes in flight.
  void fsync(const std::function<void(unsigned, Op)>& done);

  std::uint64_t reissued() const { return reissued_; }  // short or -EAGAIN I/Os resubmitted

 private:
  struct Slot {
    Op op = Op::kNone;
    std::uint64_t offset = 0;
    std::uint64_t len = 0;
    std::uint64_t done = 0;  // bytes already transferred
    unsigned again = 0;      // -EAGAIN reissues
  };
  io_uring_sqe* next_sqe();
  void prepare(unsigned buf);
  // One completion: true if its I/O finished (false if it was resubmitted).
  bool handle(io_uring_cqe* cqe, const std::function<void(unsigned, Op)>& done);
  void check_overflow() const;
  void submit();
  [[noreturn]] void fail(const Slot& s, int err) const;

  std::string path_;
  int fd_ = -1;
  bool direct_ = false;
  std::uint64_t alignment_ = 4096;
  std::uint64_t buffer_bytes_ = 0;
  std::byte* buffers_ = nullptr;
  io_uring* ring_ = nullptr;
  std::vector<Slot> slots_;
  std::vector<unsigned> free_;
  unsigned in_flight_ = 0;
  unsigned queued_ = 0;  // prepared, not yet submitted
  unsigned submit_batch_ = 8;
  std::uint64_t short_completion_bytes_ = 0;
  std::uint64_t reissued_ = 0;
};

}  // namespace kvtier
