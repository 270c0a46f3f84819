// Where copies of a tier or link exist: one per instance, one per node, or one pool
// shared by every instance of the system.
#pragma once

#include <cstddef>
#include <string_view>

namespace kvtier {

enum class Scope { kInstance = 0, kNode = 1, kPool = 2 };

Scope parse_scope(std::string_view text);  // Contract: text is one of the schema's choices
std::string_view scope_name(Scope scope);

// Which copy serves `instance` (inline: it is on every block access), and how many copies
// a system has.
inline std::size_t scope_index(Scope scope, std::size_t instance, std::size_t instances_per_node) {
  switch (scope) {
    case Scope::kInstance: return instance;
    case Scope::kNode: return instance / instances_per_node;
    case Scope::kPool: return 0;
  }
  return 0;
}
std::size_t scope_count(Scope scope, std::size_t instances, std::size_t instances_per_node);

}  // namespace kvtier
