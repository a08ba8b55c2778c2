// lab::ThreadPool implementation: one job at a time, chunk i always covers the same range (see header).
#include "thread_pool.hpp"

#include <algorithm>
#include <chrono>

namespace lab {

ThreadPool::ThreadPool(unsigned threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned i = 1; i < threads; ++i) workers_.emplace_back([this, i] { worker_loop(i); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    quit_ = true;
  }
  wake_.notify_all();
  for (auto& w : workers_) w.join();
}

static void run_chunk(const std::function<void(std::size_t, std::size_t)>& fn, std::size_t n, std::size_t chunks,
                      std::size_t i) {
  const std::size_t b = n * i / chunks, e = n * (i + 1) / chunks;
  if (b < e) fn(b, e);
}

// Spins until `done()` or ~50 µs have passed; the caller then takes the lock and sleeps if needed, so
// spinning only saves wake-up latency and never decides correctness.
template <class Done>
static void spin_briefly(Done done) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(50);
  while (!done()) {
    for (int i = 0; i < 64; ++i)
      if (done()) return;
    if (std::chrono::steady_clock::now() > until) return;
  }
}

void ThreadPool::parallel_for(std::size_t n, std::size_t grain, const std::function<void(std::size_t, std::size_t)>& fn) {
  if (n == 0) return;
  std::size_t chunks = std::min<std::size_t>(size(), std::max<std::size_t>(1, n / std::max<std::size_t>(1, grain)));
  if (chunks <= 1) {
    fn(0, n);
    return;
  }
  std::lock_guard<std::mutex> turn(turn_);
  {
    std::lock_guard<std::mutex> lock(mu_);
    job_ = &fn;
    job_n_ = n;
    job_chunks_ = chunks;
    pending_ = static_cast<unsigned>(chunks - 1);
    error_ = nullptr;
    ++generation_;
  }
  wake_.notify_all();
  std::exception_ptr mine;
  try {
    run_chunk(fn, n, chunks, 0);
  } catch (...) {
    mine = std::current_exception();
  }
  spin_briefly([this] { return pending_.load() == 0; });
  std::unique_lock<std::mutex> lock(mu_);
  done_.wait(lock, [this] { return pending_ == 0; });
  job_ = nullptr;
  if (mine) std::rethrow_exception(mine);
  if (error_) std::rethrow_exception(error_);
}

void ThreadPool::worker_loop(unsigned index) {
  unsigned seen = 0;
  for (;;) {
    spin_briefly([&] { return quit_.load() || generation_.load() != seen; });
    std::unique_lock<std::mutex> lock(mu_);
    wake_.wait(lock, [&] { return quit_ || generation_ != seen; });
    if (quit_) return;
    seen = generation_;
    if (index >= job_chunks_) continue;  // this job has fewer chunks than threads
    const auto* fn = job_;
    const std::size_t n = job_n_, chunks = job_chunks_;
    lock.unlock();
    std::exception_ptr err;
    try {
      run_chunk(*fn, n, chunks, index);
    } catch (...) {
      err = std::current_exception();
    }
    lock.lock();
    if (err && !error_) error_ = err;
    if (--pending_ == 0) done_.notify_all();
  }
}

}  // namespace lab
