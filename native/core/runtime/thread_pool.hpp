// lab::ThreadPool — a fixed set of worker threads for data-parallel loops over large slabs
// (optimizer steps over millions of parameters, grid evaluation).
//
// parallel_for splits [0, n) into contiguous chunks, one per thread, in a fixed order: work that is
// element-wise gives the same bits whatever the thread count. Not for reductions that need a fixed
// order across chunks (do those per chunk, then combine in chunk order).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace lab {

class ThreadPool {
 public:
  // threads == 0 means std::thread::hardware_concurrency(). threads == 1 runs everything inline.
  explicit ThreadPool(unsigned threads = 0);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  unsigned size() const { return static_cast<unsigned>(workers_.size()) + 1; }  // the caller works too

  // Calls fn(begin, end) on disjoint chunks covering [0, n); chunks are at least `grain` long.
  // Returns when all chunks are done. Exceptions from fn are rethrown here (the first one).
  // Several threads may call it at once: their jobs take turns. Not re-entrant (fn must not call it).
  void parallel_for(std::size_t n, std::size_t grain, const std::function<void(std::size_t, std::size_t)>& fn);

 private:
  void worker_loop(unsigned index);

  std::vector<std::thread> workers_;
  std::mutex turn_;  // one job at a time
  std::mutex mu_;
  std::condition_variable wake_, done_;
  const std::function<void(std::size_t, std::size_t)>* job_ = nullptr;
  std::size_t job_n_ = 0, job_chunks_ = 0;
  // Written under mu_; atomic so that a thread can spin on them briefly before sleeping (jobs such as
  // optimizer steps come back to back, and a condition-variable wake-up costs tens of µs).
  std::atomic<unsigned> generation_{0}, pending_{0};
  std::atomic<bool> quit_{false};
  std::exception_ptr error_;
};

}  // namespace lab
