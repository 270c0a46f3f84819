// libFuzzer: any bytes as a frame read back from a backing store. check_frame must tell
// intact, missing or corrupt without crashing, and call intact only a frame whose
// header and payload checksums hold; a frame it builds itself must check intact.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <span>
#include <vector>

#include "tiers/backing/block_frame.h"
#include "tiers/backing/crc32c.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kvtier;
  const std::span<const std::byte> frame(reinterpret_cast<const std::byte*>(data), size);
  FrameHeader h;
  if (read_frame_header(frame, h)) {
    const FrameCheck c = check_frame(frame, h.block, h.generation, h.payload_bytes);
    if (c.state == FrameState::kIntact) {
      if (h.payload_bytes > size - kFrameHeaderBytes) std::abort();
      if (crc32c(data + kFrameHeaderBytes, h.payload_bytes) != h.payload_crc) std::abort();
    }
  } else if (check_frame(frame, 1, 1, 1).state == FrameState::kIntact) {
    std::abort();
  }
  // Build a frame from the input's first bytes as its header fields; it must check intact.
  FrameHeader mine;
  std::uint64_t words[3] = {0, 0, 0};
  std::memcpy(words, data, std::min(size, sizeof(words)));
  mine.block = words[0];
  mine.generation = words[1];
  mine.payload_bytes = words[2] % 4096;
  std::vector<std::byte> built(frame_bytes_for(mine.payload_bytes, 512));
  build_frame(mine, built);
  if (check_frame(built, mine.block, mine.generation, mine.payload_bytes).state != FrameState::kIntact) std::abort();
  return 0;
}
