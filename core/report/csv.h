// CSV fields as RFC 4180 has them, for the CSV files runs write.
#pragma once

#include <string>

namespace kvtier {

// Quotes a field that holds a comma, a quote or a line break (a quote is doubled).
inline std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (const char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

}  // namespace kvtier
