#include "parallel.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace optlab {

namespace {

std::atomic<int> configuredThreads{1};

// One parallelFor call: its items, taken one at a time by whichever thread is free.
struct Job {
  const std::function<void(int64_t)>* body;
  int64_t count;
  std::atomic<int64_t> next{0};
  int64_t finished = 0;  // items done (under the pool's mutex)
  int joined = 0;        // workers inside the job (under the pool's mutex)
};

class Pool {
 public:
  static Pool& instance() {
    static Pool* pool = new Pool();  // never destroyed: workers may outlive static destructors
    return *pool;
  }

  // The caller works on the items too. It waits for the items still being run, never for a worker
  // that has not woken yet: once the items are all taken the job is withdrawn, and a worker that
  // wakes late (on a busy machine, after milliseconds) finds nothing to do.
  void run(int64_t count, int threads, const std::function<void(int64_t)>& body) {
    std::lock_guard<std::mutex> callLock(callMutex_);
    ensureWorkers(threads - 1);
    Job job;
    job.body = &body;
    job.count = count;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      job_ = &job;
      active_ = threads - 1;
      ++generation_;
    }
    wake_.notify_all();
    const int64_t mine = work(job);
    std::unique_lock<std::mutex> lock(mutex_);
    job_ = nullptr;
    job.finished += mine;
    done_.wait(lock, [&] { return job.finished == job.count && job.joined == 0; });
  }

 private:
  void ensureWorkers(int wanted) {
    while (static_cast<int>(workers_.size()) < wanted) {
      const int index = static_cast<int>(workers_.size());
      workers_.emplace_back([this, index] { loop(index); });
      workers_.back().detach();
    }
  }

  static int64_t work(Job& job) {
    int64_t done = 0;
    for (int64_t i = job.next.fetch_add(1); i < job.count; i = job.next.fetch_add(1), ++done) (*job.body)(i);
    return done;
  }

  void loop(int index) {
    uint64_t seen = 0;
    for (;;) {
      Job* job = nullptr;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return generation_ != seen && index < active_; });
        seen = generation_;
        job = job_;
        if (job == nullptr) continue;  // woke after the caller had taken every item
        ++job->joined;
      }
      const int64_t mine = work(*job);
      std::lock_guard<std::mutex> lock(mutex_);
      job->finished += mine;
      if (--job->joined == 0 && job->finished == job->count) done_.notify_one();
    }
  }

  std::mutex callMutex_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::vector<std::thread> workers_;
  Job* job_ = nullptr;
  int active_ = 0;
  uint64_t generation_ = 0;
};

}  // namespace

void parallelFor(int64_t count, int threads, const std::function<void(int64_t)>& body) {
  if (threads > count) threads = static_cast<int>(count);
  if (threads <= 1) {
    for (int64_t i = 0; i < count; ++i) body(i);
    return;
  }
  Pool::instance().run(count, threads, body);
}

int nativeThreads() { return configuredThreads.load(); }
void setNativeThreads(int threads) { configuredThreads.store(threads < 1 ? 1 : threads); }

}  // namespace optlab
