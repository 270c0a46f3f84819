// The CLI's terminal manners: progress on stderr only when it is a terminal (at most four
// times a second, as fio's --eta=auto), warnings through spdlog, and a SIGINT that asks the
// run to stop cleanly (a second one kills).
#pragma once

#include <atomic>

#include "core/sim/run_control.h"

namespace kvtier::cli {

void setup_logging();
// A RunControl wired to the terminal; `stop` is set by SIGINT while the control lives.
RunControl terminal_control(bool quiet);
void clear_progress();
const std::atomic<bool>& interrupt_flag();

}  // namespace kvtier::cli
