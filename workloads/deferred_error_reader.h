// A trace reader that ends at the first bad line instead of throwing there, and keeps the
// error for afterwards: a driver then finishes the requests read before the bad line, so
// that the partial results cover them, and the caller reports the error once it has.
#pragma once

#include <optional>
#include <string>

#include "kvtier/error.h"
#include "workloads/i_trace_reader.h"

namespace kvtier {

class DeferredErrorReader final : public ITraceReader {
 public:
  // Contract: `inner` outlives this reader.
  explicit DeferredErrorReader(ITraceReader& inner) : inner_(inner) {}
  bool next(Request& out) override {
    if (error_) return false;
    try {
      return inner_.next(out);
    } catch (const Error& e) {
      error_ = e;
      return false;
    }
  }
  std::string describe() const override { return inner_.describe(); }
  // The bad line's error, if reading ended at one.
  const std::optional<Error>& error() const { return error_; }

 private:
  ITraceReader& inner_;
  std::optional<Error> error_;
};

}  // namespace kvtier
