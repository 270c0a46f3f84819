// Where `kvtier demand` gets its figures: the summary.json of finished runs (a run's
// results directory, or every point of a `kvtier compare` directory), and a drive preset.
#pragma once

#include <string>
#include <vector>

#include "core/fleet/demand.h"

namespace kvtier {

// Contract: throws Error(kNoInput) when `dir` holds neither summary.json nor points/*/,
// and Error(kDataErr), naming the file and field, when a summary is malformed, is from
// an incomplete run, or has no flash tier.
std::vector<RunWrites> read_run_writes(const std::string& dir);

// The figures of one summary.json's text, read from `file` (for messages) and labelled
// `label`. Contract: throws Error(kDataErr), naming the file and field, when the text is
// not a summary of a complete run with a flash tier, or a figure is not a whole number
// from 0 to 2^64 (the range summary.json's counts take).
RunWrites parse_run_writes(const std::string& summary_json, const std::string& file, const std::string& label);

// A tier preset with flash_model = "nand" as a drive. Throws Error(kConfig) otherwise.
DriveSpec drive_preset(const std::string& name);

}  // namespace kvtier
