// CRC-32C (Castagnoli), the checksum fio's verify and NVMe use: SSE4.2's crc32
// instruction where the CPU has it, a table otherwise. Both give the same value.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kvtier {

// crc32c of `size` bytes, continuing from `crc` (0 to start). crc32c("123456789") = 0xE3069283.
std::uint32_t crc32c(const void* data, std::size_t size, std::uint32_t crc = 0);
// The table version alone (for tests that compare the two).
std::uint32_t crc32c_portable(const void* data, std::size_t size, std::uint32_t crc = 0);

}  // namespace kvtier
