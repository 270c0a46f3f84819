// Where a backed tier copy keeps its blocks' bytes: equal frames addressed by index (the
// block's slot in its store). Implementations: RamFrameStore (memory tiers) and
// UringFrameStore (flash tiers, a file or block device through io_uring).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace kvtier {

class IFrameStore {
 public:
  virtual ~IFrameStore() = default;

  virtual std::uint64_t frame_bytes() const = 0;
  // Contract: frame.size() == frame_bytes(). The store copies the bytes at once and
  // writes them when it likes; an earlier write to the same frame finishes first.
  // Errors throw kvtier::Error (kIoErr) naming the store, frame and offset.
  virtual void write(std::uint64_t index, std::span<const std::byte> frame) = 0;
  // Reads frame `index` as last written (waiting for writes in flight).
  // Contract: out.size() == frame_bytes().
  virtual void read(std::uint64_t index, std::span<std::byte> out) = 0;
  // Frames whose writes reached the kernel (or memory) since the last call, in order.
  virtual void take_written(std::vector<std::uint64_t>& out) = 0;
  // Waits for every write queued so far.
  virtual void drain() = 0;
  // Waits for every write and makes them durable (fdatasync). A failure is fatal.
  virtual void sync() = 0;
  // Whether writes survive the process (kill -9): true for a file, false for RAM.
  virtual bool persistent() const = 0;
  virtual std::string describe() const = 0;
};

}  // namespace kvtier
