// Plain-text tables for a terminal: left-aligned columns sized to their widest cell.
#pragma once

#include <string>
#include <vector>

namespace kvtier {

std::string text_table(const std::vector<std::vector<std::string>>& rows);
// 0.1234 -> "12.3%".
std::string percent(double fraction);

}  // namespace kvtier
