// fake_trainer: a stand-in for a training program, for the orchestrator's integration tests.
// It prints one JSON metrics line per epoch, computed from its flags, and misbehaves on demand.
//
//   --x=F               the "hyperparameter": val_acc = (1 - (x - 0.7)^2) * (1 - 0.5^epoch)
//   --epochs=N          epochs to run (default 3)
//   --sleep_ms=M        sleep per epoch (default 0)
//   --crash_at=E        exit with code 3 at the start of epoch E
//   --crash_attempts=K  ... but only while SWEEP_TRIAL_ATTEMPT <= K (so a retry succeeds)
//   --hang_at=E         sleep forever at the start of epoch E
//   --diverge_at=E      at epoch E print a NaN loss (and "diverged": true with --flag_diverged=1)
//   --ignore_sigterm=1  ignore SIGTERM (only SIGKILL stops it)
//   --spawn_sleeper=1   fork a grandchild that sleeps forever in the same process group
//   --pid_file=PATH     write "<pid> <sleeper pid>" here once started (with --work_in_child: "<pid> <worker pid>")
//   --work_in_child=1   do the work in a forked child and wait for it, as a wrapper script runs python
//   --junk_bytes=1      per epoch, a stderr line and a string field "label" of the metrics line that are not UTF-8
//   --big_line_bytes=N  add a string field "blob" of N bytes to epoch 1's metrics line
//   --chatter=N         N plain log lines on stdout and N on stderr per epoch
//   --test              add test_loss, test_acc = val_acc - 0.01 and a 3x3 test_confusion to the last line
//   --fail_test=1       with --test: exit with code 5 after the last epoch instead of testing
// Unknown flags are accepted, like a real trainer's unused config keys.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>
#include <thread>

namespace {

std::map<std::string, std::string> parse_flags(int argc, char** argv) {
  std::map<std::string, std::string> flags;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--", 0) != 0) continue;
    const auto equals = arg.find('=');
    const bool bare = equals == std::string::npos;  // "--flag" means "--flag=1"
    flags.insert_or_assign(arg.substr(2, bare ? std::string::npos : equals - 2),
                           bare ? std::string(1, '1') : arg.substr(equals + 1));
  }
  return flags;
}

double number(const std::map<std::string, std::string>& flags, const std::string& name, double fallback) {
  const auto found = flags.find(name);
  return found == flags.end() ? fallback : std::strtod(found->second.c_str(), nullptr);
}

void sleep_ms(double ms) { std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(ms)); }

}  // namespace

int main(int argc, char** argv) {
  const auto flags = parse_flags(argc, argv);
  const double x = number(flags, "x", 0.7);
  const int epochs = static_cast<int>(number(flags, "epochs", 3));
  const double pause = number(flags, "sleep_ms", 0);
  const int crash_at = static_cast<int>(number(flags, "crash_at", 0));
  const int crash_attempts = static_cast<int>(number(flags, "crash_attempts", 1e9));
  const int hang_at = static_cast<int>(number(flags, "hang_at", 0));
  const int diverge_at = static_cast<int>(number(flags, "diverge_at", 0));
  const int chatter = static_cast<int>(number(flags, "chatter", 0));
  const bool test = number(flags, "test", 0) != 0;
  const char* attempt_text = std::getenv("SWEEP_TRIAL_ATTEMPT");
  const int attempt = attempt_text ? std::atoi(attempt_text) : 1;

  const bool junk = number(flags, "junk_bytes", 0) != 0;
  const auto big_line = static_cast<std::size_t>(number(flags, "big_line_bytes", 0));

  if (number(flags, "ignore_sigterm", 0) != 0) ::signal(SIGTERM, SIG_IGN);
  pid_t sleeper = 0;
  if (number(flags, "spawn_sleeper", 0) != 0) {
    sleeper = ::fork();
    if (sleeper == 0) {
      for (;;) ::pause();
    }
  }
  if (number(flags, "work_in_child", 0) != 0) {
    std::fflush(nullptr);
    const pid_t worker = ::fork();
    if (worker > 0) {
      if (const auto pid_file = flags.find("pid_file"); pid_file != flags.end())
        std::ofstream(pid_file->second) << ::getpid() << ' ' << worker << '\n';
      int status = 0;
      ::waitpid(worker, &status, 0);
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
  } else if (const auto pid_file = flags.find("pid_file"); pid_file != flags.end()) {
    std::ofstream(pid_file->second) << ::getpid() << ' ' << sleeper << '\n';
  }

  std::printf("fake_trainer: x=%g epochs=%d trial=%s threads=%s\n", x, epochs,
              std::getenv("SWEEP_TRIAL") ? std::getenv("SWEEP_TRIAL") : "-",
              std::getenv("OMP_NUM_THREADS") ? std::getenv("OMP_NUM_THREADS") : "-");
  std::fflush(stdout);
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    if (epoch == crash_at && attempt <= crash_attempts) {
      std::fprintf(stderr, "fake_trainer: crashing at epoch %d (attempt %d)\n", epoch, attempt);
      return 3;
    }
    if (epoch == hang_at)
      for (;;) sleep_ms(1000);
    sleep_ms(pause);
    for (int i = 0; i < chatter; ++i) {
      std::printf("progress %d/%d\n", i, chatter);
      std::fprintf(stderr, "warning %d\n", i);
    }
    const double val_acc = (1 - (x - 0.7) * (x - 0.7)) * (1 - std::pow(0.5, epoch));
    if (junk) {
      std::fprintf(stderr, "fake_trainer: caf\xe9 \xff\xfe bytes\n");
      std::printf("{\"epoch\": %d, \"val_acc\": %.6f, \"label\": \"caf\xe9\", \"note\": \"ok\"}\n", epoch, val_acc);
    } else if (big_line > 0 && epoch == 1) {
      std::printf("{\"epoch\": 1, \"val_acc\": %.6f, \"blob\": \"%s\"}\n", val_acc, std::string(big_line, 'x').c_str());
    } else if (epoch == diverge_at) {
      const bool flag = number(flags, "flag_diverged", 0) != 0;
      std::printf("{\"epoch\": %d, \"loss\": NaN, \"val_acc\": %.6f%s}\n", epoch, val_acc,
                  flag ? ", \"diverged\": true" : "");
    } else if (test && epoch == epochs) {
      if (number(flags, "fail_test", 0) != 0) {
        std::fprintf(stderr, "fake_trainer: failing the test evaluation\n");
        return 5;
      }
      // A confusion matrix of 100 images per class whose diagonal follows test_acc.
      const double test_acc = val_acc - 0.01;
      const int right = static_cast<int>(std::lround(100 * test_acc));
      std::printf("{\"epoch\": %d, \"loss\": %.6f, \"val_acc\": %.6f, \"test_loss\": %.6f, \"test_acc\": %.6f, "
                  "\"test_confusion\": [[%d, %d, 0], [0, %d, %d], [%d, 0, %d]]}\n",
                  epoch, 1 - val_acc, val_acc, 1 - test_acc, test_acc, right, 100 - right, right, 100 - right,
                  100 - right, right);
    } else {
      std::printf("{\"epoch\": %d, \"loss\": %.6f, \"val_acc\": %.6f}\n", epoch, 1 - val_acc, val_acc);
    }
    std::fflush(stdout);
  }
  std::fprintf(stderr, "fake_trainer: done\n");
  return 0;
}
