import { css, html } from 'lit';
import { progressOf, statusTone } from './job-status';
import type { LabelCounters } from './types';

/** Styles the console's elements share: badges, progress bars, forms, chips. */
export const consoleStyles = css`
  :host {
    display: block;
  }
  h1 {
    font-size: 20px;
    margin: 0 0 12px;
  }
  h2 {
    font-size: 16px;
    margin: 18px 0 8px;
  }
  a {
    color: #2456d6;
  }
  .toolbar {
    display: flex;
    align-items: center;
    gap: 12px;
    flex-wrap: wrap;
    margin-bottom: 12px;
  }
  .toolbar .spacer {
    flex: 1;
  }
  .badge {
    display: inline-block;
    border-radius: 10px;
    padding: 1px 9px;
    font-size: 12px;
    font-weight: 600;
    background: #e9edf3;
    color: #3b4656;
  }
  .badge.ok {
    background: #e1f4e6;
    color: #1c6b34;
  }
  .badge.busy {
    background: #e4ecfd;
    color: #1f47b0;
  }
  .badge.bad {
    background: #fdecea;
    color: #a3221b;
  }
  .progress {
    display: flex;
    align-items: center;
    gap: 8px;
    min-width: 180px;
  }
  .bar {
    flex: 1;
    height: 8px;
    background: #e3e7ee;
    border-radius: 4px;
    overflow: hidden;
    min-width: 80px;
  }
  .bar > span {
    display: block;
    height: 100%;
    background: #2f9e5b;
  }
  .progress .text {
    font-size: 12px;
    color: #3b4656;
    white-space: nowrap;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    border-radius: 12px;
    padding: 2px 9px;
    font-size: 12px;
    color: #fff;
    margin: 2px;
  }
  .chip small {
    opacity: 0.85;
  }
  dl.settings {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 4px 16px;
    margin: 0;
  }
  dl.settings dt {
    color: #5f6b7a;
  }
  dl.settings dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
`;

export function statusBadge(status: string | undefined, testId?: string) {
  return html`<span class="badge ${statusTone(status)}" data-testid=${testId ?? ''}>${status ?? '—'}</span>`;
}

/** A bar and "labeled / total (percent)" for a job's counters. */
export function progressBar(counters: Partial<LabelCounters> | undefined, testId: string) {
  const progress = progressOf(counters);
  return html`<div
    class="progress"
    data-testid=${testId}
    role="progressbar"
    aria-valuemin="0"
    aria-valuemax="100"
    aria-valuenow=${progress.percent}
    title=${progress.text}
  >
    <div class="bar"><span style="width: ${progress.percent}%"></span></div>
    <span class="text">${progress.text}</span>
  </div>`;
}

/** "The server said: …" for errors, keeping the API's reason whole. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
