// The dashboard reads through a read-only connection and never delays the coordinator's writes: a
// writer keeps committing at its usual pace while the dashboard answers as fast as it can, and while a
// read-only reader holds a read transaction open (which, without WAL, would stall every commit).
#include <doctest/doctest.h>

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "dashboard/api.h"
#include "tests/dashboard/dashboard_fixture.h"

namespace {

using Clock = std::chrono::steady_clock;
using dashboard_test::LiveSweep;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

TEST_CASE("a reader holding a read transaction on a read-only connection does not stall a commit") {
  LiveSweep sweep;
  const auto id = sweep.start(1);
  sweep.epochs(id, 1, 1, 1);
  sqlite3* reader = nullptr;
  REQUIRE(sqlite3_open_v2(sweep.db.c_str(), &reader, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_exec(reader, "BEGIN; SELECT COUNT(*) FROM metrics;", nullptr, nullptr, nullptr) == SQLITE_OK);
  double slowest = 0;
  for (int step = 2; step <= 30; ++step) {
    const auto start = Clock::now();
    sweep.epochs(id, 1, step, step);
    slowest = std::max(slowest, ms_since(start));
  }
  sqlite3_exec(reader, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_close(reader);
  // A blocked commit would wait out the busy timeout (5 s); a free one takes well under a millisecond.
  CHECK(slowest < 500);
}

TEST_CASE("the coordinator's writes are not delayed by a dashboard answering in a busy loop") {
  LiveSweep sweep;
  for (int trial = 1; trial <= 40; ++trial) {
    const auto id = sweep.start(trial);
    sweep.epochs(id, trial, 1, 20);
    sweep.store.finish_trial(id, results::TrialState::Finished, 0, "", "{}");
  }
  const auto running = sweep.start(41);
  std::atomic<bool> done{false};
  std::atomic<int> answered{0}, failed{0};
  std::thread dashboard_thread([&] {
    dashboard::Api api(sweep.db);
    // Appended piece by piece: GCC 12 reports a false -Wrestrict on the equivalent `+` chains here.
    std::vector<std::string> paths;
    for (const char* route : {"/model", "/updates?since=0", "/trials/3"}) {
      std::string path = "/api/sweeps/";
      path.append(std::to_string(sweep.sweep.id)).append(route);
      paths.push_back(std::move(path));
    }
    paths.emplace_back("/api/sweeps");
    while (!done) {
      for (const std::string& path : paths) {
        if (api.handle("GET", path).status == 200) {
          ++answered;
        } else {
          ++failed;
        }
      }
    }
  });
  // Writes at the pace of a fast trainer (an epoch every 2 ms) for at least a second, and until the
  // dashboard has answered 40 requests meanwhile (a loaded machine may need longer; 30 s at most).
  std::vector<double> latencies;
  const auto begin = Clock::now();
  for (int step = 1; (ms_since(begin) < 1000 || answered < 40) && ms_since(begin) < 30000; ++step) {
    const auto start = Clock::now();
    sweep.epochs(running, 41, step, step);
    latencies.push_back(ms_since(start));
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  done = true;
  dashboard_thread.join();
  std::sort(latencies.begin(), latencies.end());
  MESSAGE("writer: median " << latencies[latencies.size() / 2] << " ms, max " << latencies.back() << " ms; dashboard answered "
                            << answered.load() << " requests meanwhile");
  CHECK(failed == 0);
  CHECK(answered >= 40);
  CHECK(latencies[latencies.size() / 2] < 20);
  CHECK(latencies.back() < 500);  // never the busy timeout's 5 s: nothing waited for a lock
}
