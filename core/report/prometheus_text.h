// The summary as a Prometheus text-format snapshot (metrics.prom), for a node exporter's
// textfile collector or a push gateway: every number of summary.json as a gauge (a
// counter where its name ends _total, as the format's convention has it).
//
// Contract: names are kvtier_ and the JSON path joined by '_'; a field in nanoseconds
// (a name part ending _ns) becomes seconds, its name ending _seconds; each element of an
// array of named objects (tiers, links) is a label (tier="hbm") on its fields' series;
// strings are labels of one <path>_info series of value 1; booleans are 0 or 1. Arrays
// of unnamed objects (the over-time windows) are left to the JSON. The snapshot has no
// wall-clock figures, so like summary.json's other sections it is the same byte for byte
// for the same inputs.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace kvtier {

std::string prometheus_text(const nlohmann::ordered_json& summary);

}  // namespace kvtier
