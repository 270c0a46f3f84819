// compare.html: a comparison's points as one self-contained page: each setting's prefix
// hit ratio beside its own Belady bound, and its mean TTFT (timing on), as inline SVG bars
// numbered as in the table under them.
#pragma once

#include <string>

#include "core/report/compare_report.h"

namespace kvtier {

std::string render_compare_html(const Comparison& c, CompareSort sort);

}  // namespace kvtier
