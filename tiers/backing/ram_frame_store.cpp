#include "tiers/backing/ram_frame_store.h"

#include <cstring>
#include <fmt/format.h>

#include "kvtier/error.h"

namespace kvtier {

void RamFrameStore::write(std::uint64_t index, std::span<const std::byte> frame) {
  if (index >= frames_.size()) frames_.resize(static_cast<std::size_t>(index) + 1);
  auto& f = frames_[static_cast<std::size_t>(index)];
  if (!f) {
    f = std::make_unique<std::byte[]>(static_cast<std::size_t>(frame_bytes_));
    ++allocated_;
  }
  std::memcpy(f.get(), frame.data(), frame.size());
  written_.push_back(index);
}

void RamFrameStore::read(std::uint64_t index, std::span<std::byte> out) {
  if (index >= frames_.size() || !frames_[static_cast<std::size_t>(index)]) {
    std::memset(out.data(), 0, out.size());  // never written: reads as zeros, like a fresh file
    return;
  }
  std::memcpy(out.data(), frames_[static_cast<std::size_t>(index)].get(), out.size());
}

void RamFrameStore::take_written(std::vector<std::uint64_t>& out) {
  out.insert(out.end(), written_.begin(), written_.end());
  written_.clear();
}

}  // namespace kvtier
