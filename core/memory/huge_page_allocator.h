// An allocator for large metadata arrays (block indexes, per-slot arrays) that asks the
// kernel for transparent huge pages. Cache replays touch these arrays at random, so with
// 4 KiB pages nearly every access also misses the TLB; 2 MiB pages remove most of that.
// Small allocations, and kernels without THP, fall back to ordinary memory; results never
// depend on which was used.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>

namespace kvtier {

void* allocate_maybe_huge(std::size_t bytes);
void deallocate_maybe_huge(void* p) noexcept;

template <class T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <class U>
  explicit HugePageAllocator(const HugePageAllocator<U>& /*other*/) {}

  T* allocate(std::size_t n) { return static_cast<T*>(allocate_maybe_huge(n * sizeof(T))); }
  void deallocate(T* p, std::size_t /*n*/) noexcept { deallocate_maybe_huge(p); }

  friend bool operator==(const HugePageAllocator&, const HugePageAllocator&) { return true; }
};

}  // namespace kvtier
