#include "core/memory/huge_page_allocator.h"

#include <sys/mman.h>

namespace kvtier {

namespace {
constexpr std::size_t kHugePage = std::size_t{2} << 20;
}

void* allocate_maybe_huge(std::size_t bytes) {
  if (bytes < kHugePage) {
    void* p = std::malloc(bytes == 0 ? 1 : bytes);
    if (p == nullptr) throw std::bad_alloc();
    return p;
  }
  const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  void* p = std::aligned_alloc(kHugePage, rounded);
  if (p == nullptr) throw std::bad_alloc();
  // Advice only: where THP is off or unavailable the memory is simply not huge.
  madvise(p, rounded, MADV_HUGEPAGE);
  return p;
}

void deallocate_maybe_huge(void* p) noexcept { std::free(p); }

}  // namespace kvtier
