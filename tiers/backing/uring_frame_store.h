// A flash tier copy's frames in a file or block device, through io_uring: frame i at
// offset i x frame_bytes. Writes are queued (up to the queue depth in flight) and
// reported by take_written once complete; a read waits for a write in flight to the
// same frame first.
#pragma once

#include <functional>
#include <string_view>
#include <unordered_map>

#include "tiers/backing/i_frame_store.h"
#include "tiers/backing/uring_file.h"

namespace kvtier {

class UringFrameStore final : public IFrameStore {
 public:
  // Contract: frame_bytes is a multiple of the file's alignment (frame_bytes_for with
  // UringFile's alignment); throws Error(kIoErr) if the file cannot be set up.
  UringFrameStore(const std::string& path, std::uint64_t frame_bytes, std::uint64_t frames,
                  const UringOptions& options, const std::function<void(std::string_view)>& warn);

  std::uint64_t frame_bytes() const override { return frame_bytes_; }
  void write(std::uint64_t index, std::span<const std::byte> frame) override;
  void read(std::uint64_t index, std::span<std::byte> out) override;
  void take_written(std::vector<std::uint64_t>& out) override;
  void drain() override;
  void sync() override;
  bool persistent() const override { return true; }
  std::string describe() const override { return file_.path(); }
  const UringFile& file() const { return file_; }

 private:
  void completed(unsigned buf, UringFile::Op op);

  UringFile file_;
  std::uint64_t frame_bytes_;
  std::vector<std::uint64_t> frame_of_buffer_;
  std::unordered_map<std::uint64_t, unsigned> writing_;  // frame -> buffer of its write in flight
  std::vector<std::uint64_t> written_;
  std::function<void(unsigned, UringFile::Op)> on_done_;
};

}  // namespace kvtier
