#include "tiers/backing/block_frame.h"

#include <algorithm>
#include <cstring>
#include <fmt/format.h>

#include "tiers/backing/crc32c.h"

namespace kvtier {

namespace {
// Little-endian fields at fixed offsets, whatever the host's layout of a struct.
void put64(std::byte* p, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<std::byte>(v >> (8 * i));
}
void put32(std::byte* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<std::byte>(v >> (8 * i));
}
std::uint64_t get64(const std::byte* p) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<std::uint64_t>(p[i]) << (8 * i);
  return v;
}
std::uint32_t get32(const std::byte* p) {
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(p[i]) << (8 * i);
  return v;
}
// Offsets in the header; bytes 60-63 are zero.
constexpr std::size_t kMagic = 0, kVersion = 8, kLevel = 12, kCopy = 16, kPayloadCrc = 20, kBlock = 24,
                      kGeneration = 32, kLength = 40, kSlot = 48, kHeaderCrc = 56;

std::uint64_t mix(std::uint64_t z) {  // splitmix64's finaliser
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}
}  // namespace

std::uint64_t frame_bytes_for(std::uint64_t payload_bytes, std::uint64_t align) {
  const std::uint64_t raw = kFrameHeaderBytes + payload_bytes;
  return (raw + align - 1) / align * align;
}

void fill_payload(BlockId id, std::span<std::byte> out) {
  std::uint64_t state = mix(id ^ 0x6B7674696572ULL);
  std::size_t i = 0;
  for (; i + 8 <= out.size(); i += 8) {
    state += 0x9E3779B97F4A7C15ULL;
    const std::uint64_t word = mix(state);
    std::memcpy(out.data() + i, &word, 8);
  }
  state += 0x9E3779B97F4A7C15ULL;
  const std::uint64_t last = mix(state);
  std::memcpy(out.data() + i, &last, out.size() - i);
}

std::uint32_t build_frame(FrameHeader h, std::span<std::byte> frame) {
  std::byte* p = frame.data();
  const std::span<std::byte> payload = frame.subspan(kFrameHeaderBytes, h.payload_bytes);
  fill_payload(h.block, payload);
  h.payload_crc = crc32c(payload.data(), payload.size());
  std::memset(p, 0, kFrameHeaderBytes);
  put64(p + kMagic, kFrameMagic);
  put32(p + kVersion, kFrameVersion);
  put32(p + kLevel, h.level);
  put32(p + kCopy, h.copy);
  put32(p + kPayloadCrc, h.payload_crc);
  put64(p + kBlock, h.block);
  put64(p + kGeneration, h.generation);
  put64(p + kLength, h.payload_bytes);
  put64(p + kSlot, h.slot);
  put32(p + kHeaderCrc, crc32c(p, kHeaderCrc));
  // The padding is zeroed, so a frame's bytes depend on nothing but its header.
  const std::size_t used = kFrameHeaderBytes + h.payload_bytes;
  std::memset(p + used, 0, frame.size() - used);
  return h.payload_crc;
}

bool read_frame_header(std::span<const std::byte> frame, FrameHeader& h) {
  if (frame.size() < kFrameHeaderBytes) return false;
  const std::byte* p = frame.data();
  if (get64(p + kMagic) != kFrameMagic || get32(p + kVersion) != kFrameVersion) return false;
  if (get32(p + kHeaderCrc) != crc32c(p, kHeaderCrc)) return false;
  h.level = get32(p + kLevel);
  h.copy = get32(p + kCopy);
  h.payload_crc = get32(p + kPayloadCrc);
  h.block = get64(p + kBlock);
  h.generation = get64(p + kGeneration);
  h.payload_bytes = get64(p + kLength);
  h.slot = get64(p + kSlot);
  return true;
}

FrameCheck check_frame(std::span<const std::byte> frame, BlockId block, std::uint64_t generation,
                       std::uint64_t payload_bytes) {
  FrameCheck c;
  if (!read_frame_header(frame, c.header)) {
    const bool blank = std::all_of(frame.begin(), frame.begin() + static_cast<std::ptrdiff_t>(std::min(frame.size(), kFrameHeaderBytes)),
                                   [](std::byte b) { return b == std::byte{0}; });
    c.state = blank ? FrameState::kMissing : FrameState::kCorrupt;
    c.why = blank ? "never written (zero header)" : "bad header (magic, version or header checksum)";
    return c;
  }
  const FrameHeader& h = c.header;
  if (h.block != block || h.generation != generation || h.payload_bytes != payload_bytes) {
    // Another block's frame, or an older version of this one: what should be here is not.
    c.state = FrameState::kMissing;
    c.why = fmt::format("holds block {:016x} generation {} ({} B), not block {:016x} generation {} ({} B)", h.block,
                        h.generation, h.payload_bytes, block, generation, payload_bytes);
    return c;
  }
  if (payload_bytes > frame.size() - kFrameHeaderBytes) {  // (written so that no sum can wrap)
    c.state = FrameState::kCorrupt;
    c.why = "length past the end of the frame";
    return c;
  }
  const std::uint32_t crc = crc32c(frame.data() + kFrameHeaderBytes, payload_bytes);
  if (crc != h.payload_crc) {
    c.state = FrameState::kCorrupt;
    c.why = fmt::format("payload checksum {:08x}, header says {:08x}", crc, h.payload_crc);
  }
  return c;
}

}  // namespace kvtier
