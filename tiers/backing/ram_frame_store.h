// A memory tier copy's frames in RAM, allocated as they are first written.
#pragma once

#include <memory>
#include <vector>

#include "tiers/backing/i_frame_store.h"

namespace kvtier {

class RamFrameStore final : public IFrameStore {
 public:
  RamFrameStore(std::string name, std::uint64_t frame_bytes) : name_(std::move(name)), frame_bytes_(frame_bytes) {}

  std::uint64_t frame_bytes() const override { return frame_bytes_; }
  void write(std::uint64_t index, std::span<const std::byte> frame) override;
  void read(std::uint64_t index, std::span<std::byte> out) override;
  void take_written(std::vector<std::uint64_t>& out) override;
  void drain() override {}
  void sync() override {}
  bool persistent() const override { return false; }
  std::string describe() const override { return name_; }
  std::uint64_t allocated_bytes() const { return allocated_ * frame_bytes_; }

 private:
  std::string name_;
  std::uint64_t frame_bytes_;
  std::vector<std::unique_ptr<std::byte[]>> frames_;
  std::uint64_t allocated_ = 0;
  std::vector<std::uint64_t> written_;
};

}  // namespace kvtier
