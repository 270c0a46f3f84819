// 128-bit integers for exact intermediate products (bytes x ns, mantissa x unit).
// __extension__ keeps -Wpedantic quiet about this GCC/Clang built-in type.
#pragma once

namespace kvtier {
__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;
}  // namespace kvtier
