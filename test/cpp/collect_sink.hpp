// CollectSink — a lab::Sink for tests that keeps every event of a session run on the calling thread,
// with the columns of a stream concatenated across batches.
#pragma once

#include <string>
#include <vector>

#include "runtime/session.hpp"

struct CollectSink : lab::Sink {
  std::vector<lab::Event> events;
  bool deliver(lab::Event&& ev) override {
    events.push_back(std::move(ev));
    return true;
  }
  // Column `name` of the rows of `stream` member `index`, all batches concatenated.
  std::vector<double> col(const std::string& stream, int index, const std::string& name) const {
    std::vector<double> out;
    for (const auto& e : events)
      if (e.kind == lab::Event::Kind::Batch && e.batch.stream == stream && e.batch.index == index)
        for (std::size_t c = 0; c < e.batch.names.size(); ++c)
          if (e.batch.names[c] == name) out.insert(out.end(), e.batch.columns[c].begin(), e.batch.columns[c].end());
    return out;
  }
  const lab::Value& summary() const { return events.back().value; }  // the Done event's summary
};
