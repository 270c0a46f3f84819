#include "core/report/request_log.h"

#include <fmt/format.h>

#include "core/report/csv.h"

namespace kvtier {

namespace {
std::string header(const std::vector<std::string>& tier_names) {
  std::string h =
      "index,session,instance,outcome,arrival_ns,input_tokens,output_tokens,blocks,prefix_hit_blocks,"
      "recomputed_tokens";
  for (const std::string& name : tier_names) {
    h += ',';
    h += csv_field(fmt::format("served_{}_tokens", name));
  }
  return h + ",admission_wait_ns,load_ns,compute_wait_ns,prefill_ns,ttft_ns,done_ns\n";
}
}  // namespace

RequestLog::RequestLog(const std::filesystem::path& path, const std::vector<std::string>& tier_names)
    : file_(path, header(tier_names)) {}

void RequestLog::add(const RequestRecord& r) {
  const Request& q = r.request;
  std::uint64_t served = 0;
  for (const std::uint64_t t : r.served_tokens) served += t;
  row_.clear();
  fmt::format_to(std::back_inserter(row_), "{},{},{},{},{},{},{},{},{},{}", q.index,
                 q.session == kNoSession ? std::string() : std::to_string(q.session), r.instance,
                 r.rejected ? "rejected" : "completed", q.arrival_ns, q.input_tokens, q.output_tokens, q.blocks.size(),
                 r.prefix_hit_blocks, r.rejected ? 0 : q.input_tokens - served);
  for (const std::uint64_t t : r.served_tokens) fmt::format_to(std::back_inserter(row_), ",{}", t);
  if (r.timing) {
    const RequestTiming& t = *r.timing;
    fmt::format_to(std::back_inserter(row_), ",{},{},{},{},{},{}\n", t.admission_wait_ns, t.load_ns,
                   t.compute_wait_ns, t.prefill_ns, t.ttft_ns, t.done_ns);
  } else {
    row_ += ",,,,,,\n";
  }
  file_.write(row_);
}

}  // namespace kvtier
