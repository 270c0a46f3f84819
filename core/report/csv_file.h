// A CSV file written line by line as a run goes (requests.csv, timeseries.csv): what was
// written stays if the run stops early, and a failed write is reported at close().
#pragma once

#include <cstdio>
#include <filesystem>
#include <string_view>

namespace kvtier {

class CsvFile {
 public:
  // Creates `path` and writes `header` (a whole line). Throws Error(kIoErr) if it cannot.
  CsvFile(const std::filesystem::path& path, std::string_view header);
  ~CsvFile();
  CsvFile(const CsvFile&) = delete;
  CsvFile& operator=(const CsvFile&) = delete;

  void write(std::string_view line) { std::fwrite(line.data(), 1, line.size(), file_); }
  // Throws Error(kIoErr) if any line failed to be written.
  void close();

 private:
  std::filesystem::path path_;
  std::FILE* file_;
};

}  // namespace kvtier
