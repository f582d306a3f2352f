import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandTaskIds, isFinalState, parseScontrolJobs, schedulerEnding } from '../../../../shared/cluster/slurmJobState.js';

// Lines as Slurm 22.05's `scontrol show job -o 1` printed them for a 4-task array (shortened after ExitCode).
const scontrol = [
  'JobId=5 ArrayJobId=1 ArrayTaskId=3 JobName=job.sh UserId=root(0) JobState=RUNNING Reason=None Dependency=(null) ExitCode=0:0 RunTime=00:00:01',
  'JobId=4 ArrayJobId=1 ArrayTaskId=2 JobName=job.sh UserId=root(0) JobState=TIMEOUT Reason=TimeLimit Dependency=(null) ExitCode=0:0 RunTime=00:01:00',
  'JobId=3 ArrayJobId=1 ArrayTaskId=1 JobName=job.sh UserId=root(0) JobState=FAILED Reason=JobLaunchFailure Dependency=(null) ExitCode=0:9 RunTime=00:00:03',
  'JobId=2 ArrayJobId=1 ArrayTaskId=0 JobName=job.sh UserId=root(0) JobState=CANCELLED Reason=None Dependency=(null) ExitCode=0:15 RunTime=00:00:02',
  'JobId=1 ArrayJobId=1 ArrayTaskId=4-6,9%2 JobName=job.sh UserId=root(0) JobState=PENDING Reason=Resources Dependency=(null) ExitCode=0:0 RunTime=00:00:00',
].join('\n');

describe('Slurm task states', () => {
  it('parses each task of an array, expanding the pending ranges', () => {
    const tasks = parseScontrolJobs(scontrol);
    assert.deepEqual(
      tasks.map((t) => [t.taskIndex, t.state, t.reason, t.exitCode, t.exitSignal]),
      [
        [3, 'RUNNING', null, 0, 0],
        [2, 'TIMEOUT', 'TimeLimit', 0, 0],
        [1, 'FAILED', 'JobLaunchFailure', 0, 9],
        [0, 'CANCELLED', null, 0, 15],
        [4, 'PENDING', 'Resources', 0, 0],
        [5, 'PENDING', 'Resources', 0, 0],
        [6, 'PENDING', 'Resources', 0, 0],
        [9, 'PENDING', 'Resources', 0, 0],
      ],
    );
    assert.ok(tasks.every((t) => t.arrayJobId === '1'));
    assert.deepEqual(expandTaskIds('0-6:3'), [0, 3, 6]);
  });

  it('maps final states to run statuses with the reason', () => {
    assert.equal(isFinalState('PENDING'), false);
    assert.equal(isFinalState('RUNNING'), false);
    assert.equal(isFinalState('TIMEOUT'), true);
    const base = { reason: null, exitCode: 0, exitSignal: 0 };
    assert.deepEqual(schedulerEnding({ ...base, state: 'TIMEOUT' }, '00:10:00').status, 'interrupted');
    assert.match(schedulerEnding({ ...base, state: 'TIMEOUT' }, '00:10:00').reason, /time limit \(00:10:00\)/);
    assert.equal(schedulerEnding({ ...base, state: 'PREEMPTED' }).status, 'interrupted');
    assert.equal(schedulerEnding({ ...base, state: 'NODE_FAIL' }).status, 'interrupted');
    assert.equal(schedulerEnding({ ...base, state: 'CANCELLED', exitSignal: 15 }).status, 'cancelled');
    const killed = schedulerEnding({ state: 'FAILED', reason: 'JobLaunchFailure', exitCode: 0, exitSignal: 9 });
    assert.equal(killed.status, 'failed');
    assert.match(killed.reason, /killed by signal 9/);
    assert.match(schedulerEnding({ ...base, state: 'FAILED', exitCode: 3 }).reason, /exit code 3/);
    assert.equal(schedulerEnding({ ...base, state: 'OUT_OF_MEMORY' }).status, 'failed');
  });
});
