#include "tiers/backing/uring_frame_store.h"

#include <cstring>

namespace kvtier {

namespace {
// The caller's options, with a buffer per I/O of one frame.
UringOptions with_buffers(UringOptions options, std::uint64_t frame_bytes) {
  options.buffer_bytes = frame_bytes;
  return options;
}
}  // namespace

UringFrameStore::UringFrameStore(const std::string& path, std::uint64_t frame_bytes, std::uint64_t frames,
                                 const UringOptions& options, const std::function<void(std::string_view)>& warn)
    : file_(path, frame_bytes * frames, with_buffers(options, frame_bytes), warn),
      frame_bytes_((frame_bytes + file_.alignment() - 1) / file_.alignment() * file_.alignment()),
      frame_of_buffer_(file_.queue_depth(), 0),
      on_done_([this](unsigned buf, UringFile::Op op) { completed(buf, op); }) {}

void UringFrameStore::completed(unsigned buf, UringFile::Op op) {
  if (op != UringFile::Op::kWrite) return;
  const std::uint64_t frame = frame_of_buffer_[buf];
  writing_.erase(frame);
  written_.push_back(frame);
}

void UringFrameStore::write(std::uint64_t index, std::span<const std::byte> frame) {
  // Two writes to one offset in flight may land in either order: the first must finish.
  while (writing_.contains(index)) file_.reap(1, on_done_);
  const unsigned buf = file_.free_buffer(on_done_);
  std::memcpy(file_.buffer(buf), frame.data(), frame.size());
  frame_of_buffer_[buf] = index;
  writing_[index] = buf;
  file_.queue(UringFile::Op::kWrite, buf, index * frame_bytes_, frame_bytes_);
}

void UringFrameStore::read(std::uint64_t index, std::span<std::byte> out) {
  while (writing_.contains(index)) file_.reap(1, on_done_);
  const unsigned buf = file_.free_buffer(on_done_);
  frame_of_buffer_[buf] = index;
  file_.queue(UringFile::Op::kRead, buf, index * frame_bytes_, frame_bytes_);
  bool landed = false;
  const auto until_mine = [&](unsigned b, UringFile::Op op) {
    if (op == UringFile::Op::kRead && b == buf) {
      std::memcpy(out.data(), file_.buffer(b), out.size());
      landed = true;
    } else {
      completed(b, op);
    }
  };
  while (!landed) file_.reap(1, until_mine);
}

void UringFrameStore::take_written(std::vector<std::uint64_t>& out) {
  file_.poll(on_done_);  // completions that have arrived, without waiting
  out.insert(out.end(), written_.begin(), written_.end());
  written_.clear();
}

void UringFrameStore::drain() { file_.drain(on_done_); }

void UringFrameStore::sync() { file_.fsync(on_done_); }

}  // namespace kvtier
