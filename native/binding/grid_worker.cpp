// evaluateGrid: validation on the JS thread, evaluation on a libuv worker with the addon's thread
// pool, the result resolved as a Float64Array on the JS thread (see grid_worker.hpp). A raw
// napi_async_work whose completion builds the result with quiet calls: if the worker thread that asked
// is being terminated, the promise is dropped and the job freed — never an exception, never an abort.
#include "grid_worker.hpp"

#include <memory>
#include <string>
#include <vector>

#include "convert.hpp"
#include "landscape/grid.hpp"
#include "quiet_js.hpp"
#include "runtime/thread_pool.hpp"

namespace binding {
namespace {

lab::ThreadPool& grid_pool() {
  // All cores, shared by every grid request of the process; never destroyed, so a grid still running
  // when process.exit() runs the static destructors keeps a live pool.
  static lab::ThreadPool& pool = *new lab::ThreadPool(0);
  return pool;
}

struct GridJob {
  lab::land::GridRequest req;
  napi_deferred deferred = nullptr;
  napi_async_work work = nullptr;
  std::vector<double> values;
  lab::land::GridStats stats{};
  std::string code;  // empty: evaluated
  std::string message;
};

void execute(napi_env, void* data) {
  auto& job = *static_cast<GridJob*>(data);
  try {
    job.values.resize(static_cast<size_t>(job.req.width) * static_cast<size_t>(job.req.height));
    lab::land::evaluate_grid(*job.req.landscape.fn, job.req.bounds, job.req.width, job.req.height, job.values.data(),
                             &grid_pool());
    job.stats = lab::land::grid_stats(job.values.data(), job.values.size());
  } catch (const lab::Error& e) {
    job.code = e.code();
    job.message = e.what();
  } catch (const std::exception& e) {
    job.code = lab::code::internal;
    job.message = e.what();
  }
}

// {values, width, height, bounds, min, max, nonFinite}, or nullptr if a call failed.
napi_value result(napi_env env, const GridJob& job) {
  const auto& b = job.req.bounds;
  napi_value o = quiet::value(env, lab::Value(lab::Value::Object{
                                       {"width", static_cast<double>(job.req.width)},
                                       {"height", static_cast<double>(job.req.height)},
                                       {"bounds", lab::Value(lab::Value::Object{
                                                      {"xmin", b.xmin}, {"xmax", b.xmax}, {"ymin", b.ymin}, {"ymax", b.ymax}})},
                                       {"min", job.stats.min},
                                       {"max", job.stats.max},
                                       {"nonFinite", static_cast<double>(job.stats.non_finite)},
                                   }));
  return quiet::set(env, o, "values", quiet::float64_array(env, job.values)) ? o : nullptr;
}

// On the JS thread. Frees the job whatever happens; settles the promise only if JS can still run.
void complete(napi_env env, napi_status status, void* data) {
  std::unique_ptr<GridJob> job(static_cast<GridJob*>(data));
  napi_delete_async_work(env, job->work);
  if (status != napi_ok) return;  // cancelled: the environment is going away
  if (job->code.empty()) {
    napi_value out = result(env, *job);
    if (out != nullptr && napi_resolve_deferred(env, job->deferred, out) == napi_ok) return;
    job->code = lab::code::internal;
    job->message = "evaluateGrid: could not build the result";
  }
  napi_value err = quiet::lab_error(env, job->code, job->message);
  if (err != nullptr) napi_reject_deferred(env, job->deferred, err);
}

lab::Error queue_failed() { return lab::Error(lab::code::internal, "evaluateGrid: could not queue the work"); }

}  // namespace

Napi::Value EvaluateGrid(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return guarded(env, [&]() -> Napi::Value {
    auto job = std::make_unique<GridJob>();
    job->req = lab::land::read_grid_request(to_value(info[0], "grid"), "grid");
    napi_value name = quiet::string(env, "gradlab-grid");
    if (name == nullptr || napi_create_async_work(env, nullptr, name, execute, complete, job.get(), &job->work) != napi_ok)
      throw queue_failed();
    napi_value promise = nullptr;
    if (napi_create_promise(env, &job->deferred, &promise) != napi_ok || napi_queue_async_work(env, job->work) != napi_ok) {
      napi_delete_async_work(env, job->work);
      throw queue_failed();
    }
    job.release();  // complete() owns it now
    return Napi::Value(env, promise);
  });
}

}  // namespace binding
