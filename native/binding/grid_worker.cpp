// evaluateGrid: validation on the JS thread, evaluation on a libuv worker with the addon's thread
// pool, the result resolved as a Float64Array on the JS thread (see grid_worker.hpp).
#include "grid_worker.hpp"

#include <cstring>
#include <memory>
#include <vector>

#include "convert.hpp"
#include "landscape/grid.hpp"
#include "runtime/thread_pool.hpp"

namespace binding {
namespace {

lab::ThreadPool& grid_pool() {
  static lab::ThreadPool pool(0);  // all cores; shared by every grid request of the process
  return pool;
}

class GridWorker : public Napi::AsyncWorker {
 public:
  GridWorker(Napi::Env env, lab::land::GridRequest req)
      : Napi::AsyncWorker(env, "gradlab-grid"), req_(std::move(req)), deferred_(Napi::Promise::Deferred::New(env)) {}

  Napi::Promise promise() { return deferred_.Promise(); }

  void Execute() override {
    try {
      values_.resize(static_cast<size_t>(req_.width) * static_cast<size_t>(req_.height));
      lab::land::evaluate_grid(*req_.landscape.fn, req_.bounds, req_.width, req_.height, values_.data(), &grid_pool());
      stats_ = lab::land::grid_stats(values_.data(), values_.size());
    } catch (const lab::Error& e) {
      code_ = e.code();
      SetError(e.what());
    } catch (const std::exception& e) {
      code_ = lab::code::internal;
      SetError(e.what());
    }
  }

  void OnOK() override {
    Napi::Env env = Env();
    auto arr = Napi::Float64Array::New(env, values_.size());
    if (!values_.empty()) std::memcpy(arr.Data(), values_.data(), values_.size() * sizeof(double));
    auto o = Napi::Object::New(env);
    o.Set("values", arr);
    o.Set("width", req_.width);
    o.Set("height", req_.height);
    const auto& b = req_.bounds;
    o.Set("bounds", bounds_to_js(env, b.xmin, b.xmax, b.ymin, b.ymax));
    o.Set("min", stats_.min);
    o.Set("max", stats_.max);
    o.Set("nonFinite", static_cast<double>(stats_.non_finite));
    deferred_.Resolve(o);
  }

  void OnError(const Napi::Error& e) override { deferred_.Reject(make_error(Env(), code_, e.Message()).Value()); }

 private:
  lab::land::GridRequest req_;
  Napi::Promise::Deferred deferred_;
  std::vector<double> values_;
  lab::land::GridStats stats_{};
  std::string code_ = lab::code::internal;
};

}  // namespace

Napi::Value EvaluateGrid(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return guarded(env, [&]() -> Napi::Value {
    auto req = lab::land::read_grid_request(to_value(info[0], "grid"), "grid");
    auto* worker = new GridWorker(env, std::move(req));
    auto p = worker->promise();
    worker->Queue();
    return p;
  });
}

}  // namespace binding
