// Errors that reach a user: one line of text and a sysexits(3) exit code.
#pragma once

#include <stdexcept>
#include <string>

namespace kvtier {

// Exit codes from <sysexits.h>, repeated here so that the public header does not
// depend on a BSD header that not every embedder has.
enum class ExitCode : int {
  kOk = 0,
  kUsage = 64,         // EX_USAGE: bad command line
  kDataErr = 65,       // EX_DATAERR: bad trace or input data
  kNoInput = 66,       // EX_NOINPUT: an input file is missing or unreadable
  kUnavailable = 69,   // EX_UNAVAILABLE: a service cannot start (an address in use)
  kSoftware = 70,      // EX_SOFTWARE: an internal error (a bug)
  kIoErr = 74,         // EX_IOERR: an output could not be written
  kConfig = 78,        // EX_CONFIG: bad configuration
  kInterrupted = 130,  // stopped by SIGINT (128 + 2, as shells report it)
};

// Contract: what() is a single line that names where the problem is (file:line:col,
// file:line and field, or the --set override) and quotes the offending text.
class Error : public std::runtime_error {
 public:
  Error(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ExitCode code() const noexcept { return code_; }

 private:
  ExitCode code_;
};

}  // namespace kvtier
