import { html } from 'lit';
import { formatDuration } from './job-status';
import type { JobMetrics } from './types';

/** Seconds per task: tenths under a minute (a task often takes seconds), else minutes and seconds. */
export function formatTaskTime(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) {
    return '—';
  }
  return seconds < 60 ? `${seconds.toFixed(1)} s` : formatDuration(seconds);
}

/** A count metric's total as a whole number. */
function count(sum: number): string {
  return Math.round(sum).toLocaleString('en-US');
}

/**
 * The job's metrics (the functions' CloudWatch metrics, added up since the job was created): tasks accepted,
 * submitted, returned, declined and expired, the average time per submitted task, and the objects labeled by humans
 * and by machine (published once the job ends, so their largest value).
 */
export function metricsPanel(report: JobMetrics) {
  const m = report.metrics;
  const figures: [string, string, string][] = [
    ['accepted', count(m.TasksAccepted.sum), 'tasks accepted'],
    ['submitted', count(m.TasksSubmitted.sum), 'submitted'],
    ['returned', count(m.TasksReturned.sum), 'returned'],
    ['declined', count(m.TasksDeclined.sum), 'declined'],
    ['expired', count(m.TasksExpired.sum), 'expired'],
    ['time-per-task', formatTaskTime(m.TimeSpent.average), 'average time per task'],
    ['human-objects', count(m.DatasetObjectsHumanAnnotated.maximum), 'objects labeled by humans'],
    ['machine-objects', count(m.DatasetObjectsAutoAnnotated.maximum), 'by machine'],
  ];
  return html`<div class="cost-figures" data-testid="metrics-figures">
      ${figures.map(
        ([id, value, name]) => html`<div><b data-testid="metric-${id}">${value}</b><span>${name}</span></div>`,
      )}
    </div>
    <p class="muted" data-testid="metrics-note">
      Team ${report.Workteam}. Objects labeled are counted when the job ends; in AWS, CloudWatch has new figures a few
      minutes late.
    </p>`;
}
