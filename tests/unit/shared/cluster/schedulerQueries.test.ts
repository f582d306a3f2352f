import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSacctTasks, parseSqueueTasks } from '../../../../shared/cluster/slurmJobState.js';

describe('squeue and sacct records of array tasks (asked when the app takes its cluster runs back)', () => {
  it("reads squeue's live and lately ended tasks", () => {
    // As Slurm 22.05's `squeue -h -r --states=all -j 1,2 -o '%i|%T|%r'` printed them on the one-node test cluster.
    const text = ['1_1|CANCELLED|None', '2_0|FAILED|NonZeroExitCode', '1_0|RUNNING|None', '3_[4-6]|PENDING|Resources', '7|COMPLETED|None', 'slurm_load_jobs error: x', ''].join('\n');
    assert.deepEqual(
      parseSqueueTasks(text).map((t) => [t.arrayJobId, t.taskIndex, t.state, t.reason, t.exitCode]),
      [
        ['1', 1, 'CANCELLED', null, null],
        ['2', 0, 'FAILED', 'NonZeroExitCode', null],
        ['1', 0, 'RUNNING', null, null],
        ['3', 4, 'PENDING', 'Resources', null],
        ['3', 5, 'PENDING', 'Resources', null],
        ['3', 6, 'PENDING', 'Resources', null],
        ['7', 0, 'COMPLETED', null, null],
      ],
    );
  });

  it("reads sacct's final states with their exit codes and signals", () => {
    // `sacct -n -P -X -j … -o JobID,State,ExitCode,Reason` (the parsable, one-line-per-job form).
    const text = ['12_0|COMPLETED|0:0|None', '12_1|CANCELLED by 0|0:15|None', '12_2|TIMEOUT|0:0|TimeLimit', '12_3|FAILED|2:0|NonZeroExitCode', '12_4|NODE_FAIL|0:0|NodeDown', '12_[5-6]|PENDING|0:0|Priority'].join('\n');
    assert.deepEqual(
      parseSacctTasks(text).map((t) => [t.taskIndex, t.state, t.reason, t.exitCode, t.exitSignal]),
      [
        [0, 'COMPLETED', null, 0, 0],
        [1, 'CANCELLED', null, 0, 15],
        [2, 'TIMEOUT', 'TimeLimit', 0, 0],
        [3, 'FAILED', 'NonZeroExitCode', 2, 0],
        [4, 'NODE_FAIL', 'NodeDown', 0, 0],
        [5, 'PENDING', 'Priority', 0, 0],
        [6, 'PENDING', 'Priority', 0, 0],
      ],
    );
    assert.deepEqual(parseSacctTasks('Slurm accounting storage is disabled\n'), [], 'the refusal of a cluster without accounting is no record');
  });
});
