// The kvtier subcommands. Each returns the process exit code; errors that reach the user
// are thrown as kvtier::Error and printed by main.
#pragma once

#include <string>
#include <vector>

namespace kvtier::cli {

struct RunArgs {
  std::string config;
  std::string trace;
  std::vector<std::string> sets;
  std::string out;
  bool quiet = false;
};
int run_command(const RunArgs& args);

int explain_command(const std::string& thing);

struct GenerateArgs {
  std::string config;
  std::vector<std::string> sets;
  std::string out;
};
int generate_command(const GenerateArgs& args);

}  // namespace kvtier::cli
