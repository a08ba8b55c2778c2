// Helpers for the training-lab tests: run a config through a Session on this thread and keep every
// event; build config Values tersely.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "collect_sink.hpp"
#include "labs/registry.hpp"

// Training rows: streams "train" and "epoch" have one member each; "layer" one per layer.
struct Collect : CollectSink {
  std::vector<double> col(const std::string& stream, const std::string& name, int index = 0) const {
    return CollectSink::col(stream, index, name);
  }
  std::vector<const lab::Event*> of(lab::Event::Kind kind) const {
    std::vector<const lab::Event*> out;
    for (const auto& e : events)
      if (e.kind == kind) out.push_back(&e);
    return out;
  }
};

inline Collect run(const lab::Value& config) {
  lab::Session s(lab::make_lab("train", config), {});
  Collect sink;
  s.run(&sink);
  return sink;
}

inline lab::Value obj(lab::Value::Object o) { return lab::Value(std::move(o)); }
inline lab::Value arr(lab::Value::Array a) { return lab::Value(std::move(a)); }
