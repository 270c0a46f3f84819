#include "tiers/backing/uring_file.h"

#include <fcntl.h>
#include <liburing.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>

#include "kvtier/error.h"

namespace kvtier {

namespace {
constexpr std::uint64_t kFsyncTag = UINT64_MAX;
constexpr unsigned kMaxAgain = 64;  // -EAGAIN reissues of one I/O before it counts as failed

[[noreturn]] void io_error(const std::string& what, int err) {
  throw Error(ExitCode::kIoErr, fmt::format("{}: {}", what, std::strerror(err)));
}

// The alignment O_DIRECT needs here: what statx reports, or 4096 where it says nothing
// (tmpfs, older kernels).
std::uint64_t direct_alignment(int fd) {
  struct statx sx {};
  std::uint64_t align = 4096;
#ifdef STATX_DIOALIGN
  if (statx(fd, "", AT_EMPTY_PATH, STATX_DIOALIGN, &sx) == 0 && (sx.stx_mask & STATX_DIOALIGN) != 0 &&
      sx.stx_dio_offset_align > 0) {
    align = std::max<std::uint64_t>(align, sx.stx_dio_offset_align);
    align = std::max<std::uint64_t>(align, sx.stx_dio_mem_align);
  }
#endif
  return align;
}
}  // namespace

UringFile::UringFile(const std::string& path, std::uint64_t size_bytes, const UringOptions& options,
                     const std::function<void(std::string_view)>& warn)
    : path_(path),
      submit_batch_(std::max(1U, options.submit_batch)),
      short_completion_bytes_(options.short_completion_bytes) {
  if (options.queue_depth == 0) throw Error(ExitCode::kConfig, fmt::format("{}: queue depth must be above 0", path));
  int flags = O_RDWR | O_CREAT | O_CLOEXEC;
  if (options.direct) {
    fd_ = ::open(path.c_str(), flags | O_DIRECT, 0644);
    direct_ = fd_ >= 0;
    if (fd_ < 0 && errno == EINVAL && warn) {
      warn(fmt::format("{}: the filesystem refuses O_DIRECT; using buffered I/O (the page cache is in the way)", path));
    }
  }
  if (fd_ < 0) fd_ = ::open(path.c_str(), flags, 0644);
  if (fd_ < 0) io_error(fmt::format("{}: cannot open", path), errno);
  struct stat st {};
  if (::fstat(fd_, &st) != 0) io_error(fmt::format("{}: cannot stat", path), errno);
  if (S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) < size_bytes &&
      ::ftruncate(fd_, static_cast<off_t>(size_bytes)) != 0) {
    io_error(fmt::format("{}: cannot size to {} B", path, size_bytes), errno);
  }
  alignment_ = direct_ ? direct_alignment(fd_) : 4096;
  buffer_bytes_ = (options.buffer_bytes + alignment_ - 1) / alignment_ * alignment_;
  const std::size_t total = static_cast<std::size_t>(buffer_bytes_) * options.queue_depth;
  void* mem = nullptr;
  // 2 MiB-aligned and huge-page backed where the kernel allows: fewer pages for the
  // device to map per I/O (KV blocks are megabytes).
  constexpr std::size_t kHugePage = 2U << 20;
  if (::posix_memalign(&mem, std::max<std::size_t>(alignment_, kHugePage), total) != 0) {
    throw Error(ExitCode::kIoErr, fmt::format("{}: cannot allocate {} B of I/O buffers", path, total));
  }
  buffers_ = static_cast<std::byte*>(mem);
  ::madvise(mem, total, MADV_HUGEPAGE);  // advice only: failure is harmless
  std::memset(buffers_, 0, total);

  ring_ = new io_uring{};
  io_uring_params params{};
  // One thread per ring: completions are processed when this thread asks for them (as
  // fio sets up its rings), not by interrupting it.
  params.flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN;
  int rc = io_uring_queue_init_params(options.queue_depth + 1, ring_, &params);
  if (rc == -EINVAL) {  // a kernel before 6.1: plain setup
    params = io_uring_params{};
    rc = io_uring_queue_init_params(options.queue_depth + 1, ring_, &params);
  }
  if (rc < 0) {
    delete ring_;
    ring_ = nullptr;
    io_error(fmt::format("{}: io_uring setup", path), -rc);
  }
  std::vector<iovec> iov(options.queue_depth);
  for (unsigned i = 0; i < options.queue_depth; ++i) iov[i] = iovec{buffer(i), buffer_bytes_};
  if ((rc = io_uring_register_buffers(ring_, iov.data(), options.queue_depth)) < 0) {
    io_error(fmt::format("{}: registering buffers", path), -rc);
  }
  if ((rc = io_uring_register_files(ring_, &fd_, 1)) < 0) io_error(fmt::format("{}: registering the file", path), -rc);
  slots_.resize(options.queue_depth);
  for (unsigned i = options.queue_depth; i-- > 0;) free_.push_back(i);
}

UringFile::~UringFile() {
  if (ring_ != nullptr) {
    // Nothing may still write into the buffers once they are freed.
    io_uring_submit(ring_);
    while (in_flight_ > 0) {
      io_uring_cqe* cqe = nullptr;
      if (io_uring_wait_cqe(ring_, &cqe) < 0) break;
      io_uring_cqe_seen(ring_, cqe);
      --in_flight_;
    }
    io_uring_queue_exit(ring_);
    delete ring_;
  }
  std::free(buffers_);
  if (fd_ >= 0) ::close(fd_);
}

unsigned UringFile::free_buffer(const std::function<void(unsigned, Op)>& done) {
  if (free_.empty()) reap(1, done);
  const unsigned b = free_.back();
  free_.pop_back();
  return b;
}

void UringFile::queue(Op op, unsigned buf, std::uint64_t offset, std::uint64_t len) {
  // A buffer handed back to its caller's completion callback may be queued again at once.
  if (const auto it = std::find(free_.begin(), free_.end(), buf); it != free_.end()) free_.erase(it);
  slots_[buf] = Slot{op, offset, len, 0, 0};
  ++in_flight_;
  prepare(buf);
  if (queued_ >= submit_batch_) submit();
}

io_uring_sqe* UringFile::next_sqe() {
  io_uring_sqe* sqe = io_uring_get_sqe(ring_);
  if (sqe == nullptr) {  // the SQ holds queue_depth + 1, so only unsubmitted entries fill it
    submit();
    sqe = io_uring_get_sqe(ring_);
  }
  if (sqe == nullptr) throw Error(ExitCode::kIoErr, fmt::format("{}: io_uring submission queue stays full", path_));
  return sqe;
}

void UringFile::prepare(unsigned buf) {
  io_uring_sqe* sqe = next_sqe();
  const Slot& s = slots_[buf];
  std::byte* at = buffer(buf) + s.done;
  const auto n = static_cast<unsigned>(s.len - s.done);
  const auto offset = static_cast<__u64>(s.offset + s.done);
  if (s.op == Op::kWrite) {
    io_uring_prep_write_fixed(sqe, 0, at, n, offset, static_cast<int>(buf));
  } else {
    io_uring_prep_read_fixed(sqe, 0, at, n, offset, static_cast<int>(buf));
  }
  sqe->flags |= IOSQE_FIXED_FILE;
  io_uring_sqe_set_data64(sqe, buf);
  ++queued_;
}

void UringFile::submit() {
  unsigned again = 0;
  while (queued_ > 0) {
    const int rc = io_uring_submit(ring_);
    if (rc == -EINTR) continue;
    // Out of kernel resources, or the CQ must be emptied first: completions of what is
    // already in flight free them, and the caller's reap waits for those. With nothing
    // in flight, only retrying can help, a bounded number of times.
    if (rc == -EAGAIN || rc == -EBUSY) {
      if (in_flight_ > queued_) return;
      if (++again > kMaxAgain) io_error(fmt::format("{}: io_uring submit keeps failing", path_), -rc);
      continue;
    }
    if (rc < 0) io_error(fmt::format("{}: io_uring submit", path_), -rc);
    queued_ -= static_cast<unsigned>(rc);
  }
}

void UringFile::fail(const Slot& s, int err) const {
  io_error(fmt::format("{}: {} of {} B at offset {}", path_, s.op == Op::kWrite ? "write" : "read", s.len - s.done,
                       s.offset + s.done),
           err);
}

bool UringFile::handle(io_uring_cqe* cqe, const std::function<void(unsigned, Op)>& done) {
  const std::uint64_t tag = io_uring_cqe_get_data64(cqe);
  const int cqe_res = cqe->res;
  io_uring_cqe_seen(ring_, cqe);
  if (tag == kFsyncTag) {
    --in_flight_;
    if (cqe_res < 0) io_error(fmt::format("{}: fdatasync failed (the data written may be lost)", path_), -cqe_res);
    return true;
  }
  const auto buf = static_cast<unsigned>(tag);
  Slot& s = slots_[buf];
  int res = cqe_res;
  if (short_completion_bytes_ > 0 && res > 0 && static_cast<std::uint64_t>(res) > short_completion_bytes_) {
    res = static_cast<int>(short_completion_bytes_);
  }
  if (res == -EAGAIN && ++s.again <= kMaxAgain) {
    ++reissued_;
    prepare(buf);
    return false;
  }
  if (res > 0 && s.done + static_cast<std::uint64_t>(res) < s.len) {  // short: the rest goes again
    s.done += static_cast<std::uint64_t>(res);
    ++reissued_;
    prepare(buf);
    return false;
  }
  const Slot finished = s;
  s.op = Op::kNone;  // the I/O is over, done or failed: nothing of it is in flight any more
  --in_flight_;
  free_.push_back(buf);
  if (res < 0) fail(finished, -res);
  if (res == 0) {
    if (finished.op == Op::kRead) {
      throw Error(ExitCode::kIoErr,
                  fmt::format("{}: read at offset {} met the end of the file", path_, finished.offset + finished.done));
    }
    fail(finished, EIO);
  }
  done(buf, finished.op);
  return true;
}

void UringFile::check_overflow() const {
  if (io_uring_cq_has_overflow(ring_)) {
    throw Error(ExitCode::kIoErr, fmt::format("{}: io_uring completion queue overflowed", path_));
  }
}

std::size_t UringFile::reap(std::size_t min, const std::function<void(unsigned, Op)>& done) {
  std::size_t finished = 0;
  while (in_flight_ > 0 && finished < min) {
    submit();
    io_uring_cqe* cqe = nullptr;
    const int rc = queued_ == 0 ? io_uring_wait_cqe(ring_, &cqe) : io_uring_submit_and_wait(ring_, 1);
    if (rc == -EINTR) continue;
    if (rc < 0 && rc != -EBUSY && rc != -EAGAIN) io_error(fmt::format("{}: waiting for completions", path_), -rc);
    check_overflow();
    if (cqe == nullptr && io_uring_peek_cqe(ring_, &cqe) != 0) continue;
    if (handle(cqe, done)) ++finished;
  }
  return finished;
}

std::size_t UringFile::poll(const std::function<void(unsigned, Op)>& done) {
  submit();
  // Deferred completions reach the CQ only when this thread enters the kernel for them.
  if (in_flight_ > 0) io_uring_get_events(ring_);
  std::size_t finished = 0;
  io_uring_cqe* cqe = nullptr;
  while (in_flight_ > 0 && io_uring_peek_cqe(ring_, &cqe) == 0) {
    check_overflow();
    if (handle(cqe, done)) ++finished;
  }
  return finished;
}

void UringFile::fsync(const std::function<void(unsigned, Op)>& done) {
  drain(done);
  io_uring_sqe* sqe = next_sqe();
  io_uring_prep_fsync(sqe, 0, IORING_FSYNC_DATASYNC);
  sqe->flags |= IOSQE_FIXED_FILE;
  io_uring_sqe_set_data64(sqe, kFsyncTag);
  ++queued_;
  ++in_flight_;
  reap(1, done);
}

}  // namespace kvtier
