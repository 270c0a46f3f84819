#include "tiers/backing/backed_copy.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fmt/format.h>

#include "kvtier/error.h"
#include "tiers/backing/block_frame.h"

namespace kvtier {

BackedCopy::BackedCopy(Where where, std::unique_ptr<IFrameStore> store, std::uint64_t payload_bytes,
                       BlockDirectory* directory, AckLevel ack, AckLog* log, std::uint64_t* generation,
                       BackedTiming timing)
    : where_(std::move(where)),
      store_(std::move(store)),
      payload_bytes_(payload_bytes),
      directory_(store_->persistent() ? directory : nullptr),
      ack_(ack),
      log_(store_->persistent() ? log : nullptr),
      generation_(generation),
      frame_(static_cast<std::size_t>(store_->frame_bytes())),
      timing_(timing) {}

namespace {
using Clock = std::chrono::steady_clock;
std::uint64_t ns_since(Clock::time_point t0) {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count());
}
}  // namespace


bool BackedCopy::frame_free(std::uint64_t f) const {
  if (f >= slot_of_frame_.size()) return true;
  const Slot holder = slot_of_frame_[f];
  return holder == kNoSlot || held_[holder].generation == 0 || held_[holder].frame != f;
}

std::uint64_t BackedCopy::place(Slot slot) {
  std::uint64_t f = 0;
  if (where_.log) {
    // The oldest frame is free unless its block is still held (FIFO eviction skipped it
    // while it was pinned): then the next one.
    do {
      f = log_head_;
      log_head_ = (log_head_ + 1) % where_.frames;
    } while (!frame_free(f));
  } else if (slot < where_.frames && frame_free(slot)) {
    f = slot;  // the host writes where the block is
  } else {
    // The slot's frame holds a block restored from an earlier run: any free frame. One
    // exists, since no more blocks are held than there are frames.
    while (!free_frames_.empty() && !frame_free(free_frames_.back())) free_frames_.pop_back();
    if (!free_frames_.empty()) {
      f = free_frames_.back();
      free_frames_.pop_back();
    } else {
      while (!frame_free(fresh_frame_)) ++fresh_frame_;
      f = fresh_frame_++;
    }
  }
  if (f >= slot_of_frame_.size()) slot_of_frame_.resize(static_cast<std::size_t>(f) + 1, kNoSlot);
  slot_of_frame_[static_cast<std::size_t>(f)] = slot;
  return f;
}

void BackedCopy::adopt(const DirectoryEntry& entry) { restoring_ = &entry; }

void BackedCopy::written(Slot slot, const BlockAccess& block) {
  if (slot >= held_.size()) held_.resize(static_cast<std::size_t>(slot) + 1);
  if (restoring_ != nullptr) {  // restored from an earlier run: already there, already listed
    const DirectoryEntry& e = *std::exchange(restoring_, nullptr);
    held_[slot] = Held{e.block, e.slot, e.generation, e.payload_crc, true};
    if (e.slot >= slot_of_frame_.size()) slot_of_frame_.resize(static_cast<std::size_t>(e.slot) + 1, kNoSlot);
    slot_of_frame_[static_cast<std::size_t>(e.slot)] = slot;
    if (where_.log) log_head_ = (e.slot + 1) % where_.frames;  // restored oldest first: the log goes on after
    return;
  }
  const std::uint64_t frame = place(slot);
  FrameHeader h;
  h.level = where_.level;
  h.copy = where_.copy;
  h.slot = frame;
  h.block = block.id;
  h.generation = ++*generation_;
  h.payload_bytes = payload_bytes_;
  const std::uint32_t crc = build_frame(h, frame_);
  held_[slot] = Held{block.id, frame, h.generation, crc, false};
  if (timing_.on) {
    const auto t0 = Clock::now();
    store_->write(frame, frame_);
    store_->drain();
    const std::uint64_t ns = ns_since(t0);
    unclaimed_write_ns_ += ns + static_cast<std::uint64_t>(timing_.write_extra_ns);
    stats_.write_ns.add(ns);
  } else {
    store_->write(frame, frame_);
  }
  ++stats_.written_frames;
  acknowledge();
}

void BackedCopy::acknowledge() {
  store_->take_written(completed_);
  if (completed_.empty()) return;
  if (directory_ != nullptr) {
    if (ack_ == AckLevel::kDurable) store_->sync();  // the data first, then the entry that promises it
    for (const std::uint64_t frame : completed_) {
      Held& h = held_[slot_of_frame_[static_cast<std::size_t>(frame)]];
      if (h.generation == 0 || h.acked || h.frame != frame) continue;
      directory_->put(DirectoryEntry{where_.level, where_.copy, h.block, frame, frame * store_->frame_bytes(),
                                     payload_bytes_, h.generation, h.payload_crc},
                      ack_);
      h.acked = true;
      ++stats_.acked_frames;
      if (log_ != nullptr) log_->line('+', where_.level, where_.copy, h.block, h.generation);
    }
  } else {
    for (const std::uint64_t frame : completed_) held_[slot_of_frame_[static_cast<std::size_t>(frame)]].acked = true;
  }
  completed_.clear();
}

void BackedCopy::check(Slot slot) {
  const Held& h = held_[slot];
  if (timing_.on) {
    const auto t0 = Clock::now();
    store_->read(h.frame, frame_);
    const std::uint64_t ns = ns_since(t0);
    unclaimed_read_ns_ += ns + static_cast<std::uint64_t>(timing_.read_extra_ns);
    stats_.read_ns.add(ns);
  } else {
    store_->read(h.frame, frame_);
  }
  ++stats_.read_frames;
  const FrameCheck c = check_frame(frame_, h.block, h.generation, payload_bytes_);
  if (c.state != FrameState::kIntact) {
    throw Error(ExitCode::kDataErr,
                fmt::format("{} (tier {} copy {}): block {:016x} at offset {}: {} frame: {}", store_->describe(),
                            where_.tier, where_.copy, h.block, h.frame * store_->frame_bytes(),
                            c.state == FrameState::kMissing ? "missing" : "corrupt", c.why));
  }
  if (c.header.payload_crc != h.payload_crc) {
    throw Error(ExitCode::kDataErr, fmt::format("{} (tier {} copy {}): block {:016x} at offset {}: payload checksum {:08x}, "
                                                "written as {:08x}",
                                                store_->describe(), where_.tier, where_.copy, h.block,
                                                h.frame * store_->frame_bytes(), c.header.payload_crc, h.payload_crc));
  }
}

void BackedCopy::read(Slot slot, const BlockAccess& /*block*/) { check(slot); }

void BackedCopy::released(Slot slot) {
  Held& h = held_[slot];
  if (!where_.bottom) check(slot);  // read on its way down
  if (!h.acked) {  // its write is in flight: finish it, so no later completion is taken for the next block here
    store_->drain();
    acknowledge();
  }
  if (directory_ != nullptr) {
    if (log_ != nullptr) log_->line('-', where_.level, where_.copy, h.block, h.generation);
    directory_->erase(where_.level, where_.copy, h.block, ack_);
  }
  if (!where_.log) free_frames_.push_back(h.frame);
  h = Held{};
}

bool BackedCopy::intact(const DirectoryEntry& entry) {
  if (entry.slot >= where_.frames || entry.payload_bytes != payload_bytes_) return false;
  store_->read(entry.slot, frame_);
  const FrameCheck c = check_frame(frame_, entry.block, entry.generation, entry.payload_bytes);
  return c.state == FrameState::kIntact && c.header.payload_crc == entry.payload_crc;
}

void BackedCopy::finish() {
  store_->drain();
  acknowledge();
}

}  // namespace kvtier
