// The explicit list of every component schema (see core/config/schema.h).
#include "core/config/schema.h"
#include "core/sim/scheduler_spec.h"
#include "core/sim/system_spec.h"
#include "tiers/link_spec.h"
#include "tiers/tier_spec.h"
#include "workloads/compute_model.h"
#include "workloads/model_spec.h"
#include "workloads/workload_spec.h"

namespace kvtier {

const std::vector<const ComponentSchema*>& all_schemas() {
  static const std::vector<const ComponentSchema*> schemas{
      &system_schema(),  &model_schema(),     &instance_schema(),           &scheduler_schema(), &tier_schema(),
      &link_schema(),    &synthetic_workload_schema(), &mooncake_workload_schema(), &azure_workload_schema(),
  };
  return schemas;
}

}  // namespace kvtier
