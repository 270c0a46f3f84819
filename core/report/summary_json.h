// The summary as a JSON document (summary.json, and each point of a comparison).
#pragma once

#include <nlohmann/json.hpp>

#include "core/report/summary.h"

namespace kvtier {

// Everything but the "run" section (wall-clock figures, and the simulated span beside
// them) is a function of the inputs; leave it out with `with_run` false where outputs
// must compare byte for byte.
nlohmann::ordered_json summary_json(const Summary& s, bool with_run);

}  // namespace kvtier
