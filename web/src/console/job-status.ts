import type { JobStatus, LabelCounters } from './types';

export const JOB_STATUSES: readonly JobStatus[] = ['Initializing', 'InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped'];

/** True once the job will not change again (nothing left to poll for). */
export function isFinal(status: string | undefined): boolean {
  return status === 'Completed' || status === 'Failed' || status === 'Stopped';
}

/** True while the job's numbers may still move. */
export function isActive(status: string | undefined): boolean {
  return status === 'Initializing' || status === 'InProgress' || status === 'Stopping';
}

/** Only a job still starting or labeling can be stopped (StopLabelingJob). */
export function canStop(status: string | undefined): boolean {
  return status === 'Initializing' || status === 'InProgress';
}

/** The output manifest exists once the job completed or was stopped (a stopped job writes what it has). */
export function hasOutput(status: string | undefined): boolean {
  return status === 'Completed' || status === 'Stopped';
}

/** A colour family for a status badge. */
export function statusTone(status: string | undefined): 'ok' | 'busy' | 'bad' | 'neutral' {
  switch (status) {
    case 'Completed':
      return 'ok';
    case 'Initializing':
    case 'InProgress':
    case 'Stopping':
      return 'busy';
    case 'Failed':
      return 'bad';
    default:
      return 'neutral';
  }
}

export interface Progress {
  labeled: number;
  /** Of labeled, how many the job's model labeled (automated labeling). */
  machine: number;
  failed: number;
  /** Every selected object: labeled, failed or still unlabeled; 0 before the objects are selected. */
  total: number;
  /** Whole percent of total that is labeled, 0–100; 0 when total is 0. */
  percent: number;
  /** "12 / 40 labeled (30%)", or a note that nothing is counted yet. */
  text: string;
}

/** Progress from DescribeLabelingJob's counters. */
export function progressOf(counters: Partial<LabelCounters> | undefined): Progress {
  const labeled = count(counters?.TotalLabeled);
  const failed = count(counters?.FailedNonRetryableError);
  const total = labeled + failed + count(counters?.Unlabeled);
  // floor, so 100% means every object really is labeled
  const percent = total === 0 ? 0 : Math.min(100, Math.floor((labeled * 100) / total));
  // machine labels are part of labeled; named only for jobs that have some (automated labeling)
  const machine = count(counters?.MachineLabeled);
  const text =
    total === 0
      ? 'no objects counted yet'
      : `${labeled} / ${total} labeled (${percent}%)${machine > 0 ? `, ${machine} by machine` : ''}${failed > 0 ? `, ${failed} failed` : ''}`;
  return { labeled, machine, failed, total, percent, text };
}

function count(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/** A DescribeLabelingJob time (epoch seconds, possibly fractional) as a local date and time. */
export function formatTime(epochSeconds: number | undefined): string {
  if (typeof epochSeconds !== 'number' || !Number.isFinite(epochSeconds)) {
    return '—';
  }
  const date = new Date(epochSeconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** Seconds as the largest whole units that fit, e.g. 5400 → "1 h 30 min", 300 → "5 min", 45 → "45 s". */
export function formatDuration(seconds: number | undefined): string {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
    return '—';
  }
  const parts: string[] = [];
  let rest = Math.round(seconds);
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['min', 60],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    }
  }
  if (rest > 0 || parts.length === 0) {
    parts.push(`${rest} s`);
  }
  return parts.join(' ');
}

/** A 0–1 fraction as a percentage with one decimal, or "—". */
export function formatFraction(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : '—';
}
