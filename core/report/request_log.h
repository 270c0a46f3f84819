// requests.csv: one row per request, written as the run goes, in the order requests are
// done with (completion order with timing on, trace order with it off). A run that stops
// early keeps the rows of the requests done by then.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/report/csv_file.h"
#include "core/sim/request_record.h"

namespace kvtier {

class RequestLog {
 public:
  // Tier names head the served-token columns. Throws Error(kIoErr) if `path` cannot be
  // created.
  RequestLog(const std::filesystem::path& path, const std::vector<std::string>& tier_names);

  void add(const RequestRecord& record);
  // Flushes and closes. Throws Error(kIoErr) if any row failed to be written.
  void close() { file_.close(); }

 private:
  CsvFile file_;
  std::string row_;  // reused: a row is built, then written in one call
};

}  // namespace kvtier
