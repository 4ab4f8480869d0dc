import { describe, expect, it } from 'vitest';
import { canStop, formatDuration, formatFraction, hasOutput, isActive, isFinal, progressOf, statusTone } from '../../src/console/job-status';
import { taskTypeOfArns, taskTypeTitle } from '../../src/console/task-types';

describe('progressOf', () => {
  it('counts labeled against every selected object, failed included', () => {
    expect(progressOf({ TotalLabeled: 12, HumanLabeled: 12, MachineLabeled: 0, FailedNonRetryableError: 2, Unlabeled: 26 })).toEqual({
      labeled: 12,
      machine: 0,
      failed: 2,
      total: 40,
      percent: 30,
      text: '12 / 40 labeled (30%), 2 failed',
    });
  });

  it('names machine labels only when the job has some', () => {
    expect(progressOf({ TotalLabeled: 1172, HumanLabeled: 360, MachineLabeled: 812, FailedNonRetryableError: 1, Unlabeled: 27 })).toMatchObject({
      machine: 812,
      text: '1172 / 1200 labeled (97%), 812 by machine, 1 failed',
    });
    expect(progressOf({ TotalLabeled: 3, MachineLabeled: 0, Unlabeled: 1 }).text).toBe('3 / 4 labeled (75%)');
  });

  it('rounds down, so 100% means done', () => {
    expect(progressOf({ TotalLabeled: 199, Unlabeled: 1 }).percent).toBe(99);
    expect(progressOf({ TotalLabeled: 3, Unlabeled: 0 }).text).toBe('3 / 3 labeled (100%)');
  });

  it('says nothing is counted before the objects are selected', () => {
    expect(progressOf({ TotalLabeled: 0, Unlabeled: 0 })).toMatchObject({ total: 0, percent: 0, text: 'no objects counted yet' });
    expect(progressOf(undefined).percent).toBe(0);
  });
});

describe('status helpers', () => {
  it('knows which statuses are final, active, stoppable and have output', () => {
    expect(['Completed', 'Failed', 'Stopped'].every(isFinal)).toBe(true);
    expect(isFinal('Stopping')).toBe(false);
    expect(isActive('Stopping') && isActive('Initializing') && !isActive('Completed')).toBe(true);
    expect(canStop('InProgress') && !canStop('Stopping') && !canStop('Completed')).toBe(true);
    expect(hasOutput('Completed') && hasOutput('Stopped') && !hasOutput('Failed')).toBe(true);
    expect([statusTone('Completed'), statusTone('InProgress'), statusTone('Failed'), statusTone('Stopped')]).toEqual(['ok', 'busy', 'bad', 'neutral']);
  });

  it('formats durations and fractions', () => {
    expect(formatDuration(5400)).toBe('1 h 30 min');
    expect(formatDuration(864000)).toBe('10 d');
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(0)).toBe('0 s');
    expect(formatFraction(0.8766)).toBe('87.7%');
    expect(formatFraction(undefined)).toBe('—');
  });
});

describe('task type of a job', () => {
  const lambda = 'arn:aws:lambda:eu-west-1:123456789012:function:';
  it('follows the server rule: built-in PRE- names the type, any other pre-annotation Lambda is Custom', () => {
    expect(taskTypeOfArns(`${lambda}PRE-BoundingBox`, `${lambda}ACS-BoundingBox`)).toBe('BoundingBox');
    expect(taskTypeOfArns(`${lambda}verity-pre`, undefined)).toBe('Custom');
    expect(taskTypeOfArns(undefined, `${lambda}ACS-TextMultiClass`)).toBe('TextMultiClass');
    expect(taskTypeOfArns(undefined, undefined)).toBeUndefined();
  });

  it('has friendly names', () => {
    expect(taskTypeTitle('ImageMultiClassMultiLabel')).toBe('Image classification (multi-label)');
    expect(taskTypeTitle('VideoObjectTracking')).toBe('VideoObjectTracking');
  });
});
