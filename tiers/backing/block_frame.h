// How a KV block sits in a backing store: a frame of a 64-byte header (after fio's verify
// header: magic, version, where it belongs, block hash, generation, length and the CRC-32C
// of the payload and of the header itself), then the payload, padded to the store's
// alignment. The payload is a pure function of the block's id, as a KV block's content is
// of its token prefix, so a copy between tiers writes exactly the bytes it read and any
// reader can tell the right bytes from wrong ones.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "tiers/block_id.h"

namespace kvtier {

inline constexpr std::uint64_t kFrameMagic = 0x314B4C4254564BULL;  // "KVTBLK1"
inline constexpr std::uint32_t kFrameVersion = 1;
inline constexpr std::size_t kFrameHeaderBytes = 64;

struct FrameHeader {
  std::uint32_t level = 0;  // the tier's level in its system
  std::uint32_t copy = 0;   // which copy of the tier
  std::uint64_t slot = 0;   // the frame's index in its store
  BlockId block = 0;
  std::uint64_t generation = 0;  // one more for every frame written in a run
  std::uint64_t payload_bytes = 0;
  std::uint32_t payload_crc = 0;
};

// The bytes a frame of `header.payload_bytes` needs, rounded up to `align`.
std::uint64_t frame_bytes_for(std::uint64_t payload_bytes, std::uint64_t align);

// The payload of block `id`: a deterministic stream of 64-bit words.
void fill_payload(BlockId id, std::span<std::byte> out);

// Writes the header (filling in payload_crc) and payload of `header` into `frame`.
// Contract: frame.size() >= kFrameHeaderBytes + header.payload_bytes. Returns payload_crc.
std::uint32_t build_frame(FrameHeader header, std::span<std::byte> frame);

enum class FrameState { kIntact, kMissing, kCorrupt };
struct FrameCheck {
  FrameState state = FrameState::kIntact;
  std::string why;  // empty when intact
  FrameHeader header;  // as read (meaningful when the header checksum held)
};

// Checks a frame read back against what should be there: magic and header checksum, the
// block, generation and length expected, and the payload's CRC-32C. A frame that is all
// zeros (never written) is missing; anything else that fails is corrupt.
FrameCheck check_frame(std::span<const std::byte> frame, BlockId block, std::uint64_t generation,
                       std::uint64_t payload_bytes);
// The header of a frame alone, if its magic and checksum hold.
bool read_frame_header(std::span<const std::byte> frame, FrameHeader& out);

}  // namespace kvtier
