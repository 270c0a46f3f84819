#include <fmt/format.h>

#include "apps/commands.h"
#include "core/config/config_loader.h"
#include "core/sim/system_spec.h"
#include "workloads/mooncake_writer.h"
#include "workloads/workload_spec.h"

namespace kvtier::cli {

int generate_command(const GenerateArgs& args) {
  const ResolvedConfig config = load_system(args.config, "", args.sets, args.trace);
  const Section& system = config.section("system");
  const auto reader = make_trace_reader(config.section("workload"), static_cast<std::uint64_t>(system.get_int("block_tokens")),
                                        static_cast<std::uint64_t>(system.get_int("seed")));
  MooncakeWriter writer(args.out);
  Request r;
  std::uint64_t n = 0;
  while (reader->next(r)) {
    writer.write(r);
    ++n;
  }
  writer.close();
  std::fputs(fmt::format("wrote {} requests ({}) to {}\n", n, reader->describe(), args.out).c_str(), stdout);
  return 0;
}

}  // namespace kvtier::cli
