// Unit tests of reading srun's and slurmstepd's stderr: job id, node, refusals, and why Slurm
// ended a job. The lines are as Slurm 22.05 prints them.
#include <doctest/doctest.h>

#include "orchestrator/launch/srun_messages.h"

using orchestrator::read_srun_line;

TEST_CASE("srun lines: the job id and node") {
  const auto jobid = read_srun_line("srun: jobid 1234: nodes(1):`node07', cpu counts: 2(x1)");
  CHECK(jobid.job_id == 1234);
  CHECK(jobid.nodes == "node07");
  CHECK(jobid.chatter);
  const auto queued = read_srun_line("srun: job 99 queued and waiting for resources");
  CHECK(queued.job_id == 99);
  CHECK_FALSE(queued.chatter);  // the user may want to see that a trial waited
  CHECK(read_srun_line("srun: job 99 has been allocated resources").job_id == 99);
  const auto step = read_srun_line("srun: launching StepId=1234.3 on host node07, 1 tasks: 0");
  CHECK(step.step == "1234.3");
  CHECK(step.chatter);
}

TEST_CASE("srun lines: refusals") {
  const auto refused = read_srun_line("srun: error: Unable to allocate resources: Invalid partition name specified");
  CHECK(refused.refusal == "Invalid partition name specified");
  CHECK_FALSE(refused.chatter);
  CHECK(read_srun_line("srun: error: Unable to allocate resources: More processors requested than permitted")
            .refusal == "More processors requested than permitted");
  CHECK(read_srun_line("srun: error: invalid partition specified: nope").refusal.empty());
}

TEST_CASE("srun lines: why Slurm ended a job") {
  CHECK(read_srun_line("slurmstepd-vm: error: *** STEP 5.0 ON vm CANCELLED AT 2026-11-25T18:10:33 DUE TO TIME "
                       "LIMIT ***")
            .cause == "time limit");
  CHECK(read_srun_line("slurmstepd: error: *** JOB 5 ON n1 CANCELLED AT 2026-11-25T18:10:33 DUE TO PREEMPTION ***")
            .cause == "preemption");
  CHECK(read_srun_line("srun: error: Node failure on n3").cause == "node failure");
  CHECK(read_srun_line("slurmstepd: error: *** JOB 5 ON n1 CANCELLED AT 2026-11-25T18:10:33 DUE TO NODE FAILURE ***")
            .cause == "node failure");
  CHECK(read_srun_line("slurmstepd: error: Detected 1 oom_kill event in StepId=5.0.").cause == "out of memory");
  CHECK(read_srun_line("slurmstepd-vm: error: *** STEP 3.0 ON vm CANCELLED AT 2026-11-25T18:10:33 ***").cause ==
        "cancelled");
  CHECK(read_srun_line("epoch 3: loss 0.25").cause.empty());
}

TEST_CASE("srun lines: verbose chatter is dropped, errors and the trial's own lines are kept") {
  CHECK(read_srun_line("srun: launching StepId=1.0 on host vm, 1 tasks: 0").chatter);
  CHECK(read_srun_line("srun: job-name            : sweep-x-1").chatter);
  CHECK(read_srun_line("srun: launch/slurm: _task_finish: vm: task 0: Completed").chatter);
  CHECK_FALSE(read_srun_line("srun: error: vm: task 0: Exited with exit code 3").chatter);
  CHECK_FALSE(read_srun_line("srun: Job step aborted: Waiting up to 4 seconds for job step to finish.").chatter);
  CHECK_FALSE(read_srun_line("srun: Force Terminated JobId=4").chatter);
  CHECK_FALSE(read_srun_line("Traceback (most recent call last):").chatter);
  CHECK_FALSE(read_srun_line("fake_trainer: done").job_id);
}
