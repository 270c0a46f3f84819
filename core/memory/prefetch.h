// A software prefetch that the optimiser keeps. GCC 12 deletes __builtin_prefetch as dead
// code when the whole address computation is inlined (seen on Hierarchy::prefetch), which
// silently halved replay speed; an asm statement is never deleted.
#pragma once

namespace kvtier {

inline void prefetch_line(const void* p) {
#if defined(__x86_64__)
  asm volatile("prefetcht0 %0" : : "m"(*static_cast<const char*>(p)));
#else
  __builtin_prefetch(p);
#endif
}

}  // namespace kvtier
