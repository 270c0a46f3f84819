#include "tiers/scope.h"

namespace kvtier {

Scope parse_scope(std::string_view text) {
  if (text == "node") return Scope::kNode;
  if (text == "pool") return Scope::kPool;
  return Scope::kInstance;
}

std::string_view scope_name(Scope scope) {
  switch (scope) {
    case Scope::kInstance: return "instance";
    case Scope::kNode: return "node";
    case Scope::kPool: return "pool";
  }
  return "?";
}

std::size_t scope_count(Scope scope, std::size_t instances, std::size_t instances_per_node) {
  switch (scope) {
    case Scope::kInstance: return instances;
    case Scope::kNode: return (instances + instances_per_node - 1) / instances_per_node;
    case Scope::kPool: return 1;
  }
  return 1;
}

}  // namespace kvtier
