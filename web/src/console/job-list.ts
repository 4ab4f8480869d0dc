import { html, LitElement, nothing } from 'lit';
import type { Api } from '../core/api';
import { href } from '../core/router';
import { baseStyles } from '../core/styles';
import { formatTime, isActive, JOB_STATUSES } from './job-status';
import { taskTypeOfArns, taskTypeTitle } from './task-types';
import type { JobList, JobSummary } from './types';
import { consoleStyles, errorText, progressBar, statusBadge } from './widgets';

/** How often the list refreshes while a job is starting, labeling or stopping. */
export const LIST_REFRESH_MS = 4000;
const PAGE_SIZE = 25;

/** The requester's labeling jobs, newest first: status, task type, progress; paged; live while jobs run. */
export class VerityJobList extends LitElement {
  static properties = {
    api: { attribute: false },
    jobs: { state: true },
    nextToken: { state: true },
    status: { state: true },
    loading: { state: true },
    error: { state: true },
  };

  declare api: Api | null;
  declare jobs: JobSummary[];
  declare nextToken: string | null;
  declare status: string;
  declare loading: boolean;
  declare error: string | null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** How many pages are shown (1 until "Load more"). */
  private pages = 0;
  /** Bumped on every new query, so that an answer to an older one is dropped. */
  private generation = 0;

  static styles = [baseStyles, consoleStyles];

  constructor() {
    super();
    this.api = null;
    this.jobs = [];
    this.nextToken = null;
    this.status = '';
    this.loading = false;
    this.error = null;
  }

  connectedCallback(): void {
    super.connectedCallback();
    // back in the page after a disconnect: pick up where the list left off (the first connect loads in updated())
    if (this.api && this.hasUpdated) {
      void this.reload();
    }
  }

  disconnectedCallback(): void {
    this.stopTimer();
    this.generation++;
    super.disconnectedCallback();
  }

  protected updated(changed: Map<string, unknown>): void {
    if (changed.has('api') && this.api && this.isConnected) {
      void this.reload();
    }
  }

  /** First page again (after a filter change or on a refresh tick); later pages already loaded are kept. */
  async reload(): Promise<void> {
    const api = this.api;
    if (!api) {
      return;
    }
    const generation = ++this.generation;
    this.stopTimer();
    this.loading = true;
    try {
      const page = await api.get<JobList>('/jobs', { maxResults: PAGE_SIZE, statusEquals: this.status || undefined });
      if (generation !== this.generation) {
        return;
      }
      const first = page.LabelingJobSummaryList ?? [];
      if (this.pages > 1) {
        // a refresh keeps what "Load more" added, and its token for the page after it
        const names = new Set(first.map((j) => j.LabelingJobName));
        this.jobs = [...first, ...this.jobs.filter((j) => !names.has(j.LabelingJobName))];
      } else {
        this.jobs = first;
        this.nextToken = page.NextToken ?? null;
        this.pages = 1;
      }
      this.error = null;
    } catch (e) {
      if (generation === this.generation) {
        this.error = errorText(e);
      }
    } finally {
      if (generation === this.generation) {
        this.loading = false;
        this.scheduleRefresh();
      }
    }
  }

  private async loadMore(): Promise<void> {
    const api = this.api;
    if (!api || !this.nextToken) {
      return;
    }
    const generation = this.generation;
    this.loading = true;
    try {
      const page = await api.get<JobList>('/jobs', { maxResults: PAGE_SIZE, nextToken: this.nextToken, statusEquals: this.status || undefined });
      if (generation !== this.generation) {
        return;
      }
      const names = new Set(this.jobs.map((j) => j.LabelingJobName));
      this.jobs = [...this.jobs, ...(page.LabelingJobSummaryList ?? []).filter((j) => !names.has(j.LabelingJobName))];
      this.nextToken = page.NextToken ?? null;
      this.pages++;
      this.error = null;
    } catch (e) {
      this.error = errorText(e);
    } finally {
      this.loading = false;
    }
  }

  private scheduleRefresh(): void {
    this.stopTimer();
    if (this.isConnected && this.jobs.some((j) => isActive(j.LabelingJobStatus))) {
      this.timer = setTimeout(() => void this.reload(), LIST_REFRESH_MS);
    }
  }

  private stopTimer(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private onStatus(event: Event): void {
    this.status = (event.target as HTMLSelectElement).value;
    this.jobs = [];
    this.nextToken = null;
    this.pages = 0;
    void this.reload();
  }

  render() {
    return html`
      <div class="toolbar">
        <h1>Labeling jobs</h1>
        <span class="spacer"></span>
        <label
          >Status
          <select name="status" @change=${this.onStatus}>
            <option value="" ?selected=${this.status === ''}>All</option>
            ${JOB_STATUSES.map((s) => html`<option value=${s} ?selected=${this.status === s}>${s}</option>`)}
          </select>
        </label>
        <button @click=${() => this.reload()} ?disabled=${this.loading}>Refresh</button>
        <button class="primary" data-testid="create-job" @click=${() => (location.hash = href({ page: 'create-job' }))}>Create job</button>
      </div>
      ${this.error ? html`<p class="error" data-testid="list-error">${this.error}</p>` : nothing}
      <div class="card">
        <table data-testid="jobs-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Task type</th>
              <th>Status</th>
              <th>Created</th>
              <th>Progress</th>
            </tr>
          </thead>
          <tbody>
            ${this.jobs.map((job) => this.renderRow(job))}
          </tbody>
        </table>
        ${this.jobs.length === 0 && !this.loading && !this.error
          ? html`<p class="muted" data-testid="no-jobs">
              ${this.status ? `No ${this.status} jobs on this page.` : 'No labeling jobs yet.'}
              ${this.nextToken ? nothing : html`<a href=${href({ page: 'create-job' })}>Create one</a>.`}
            </p>`
          : nothing}
        ${this.nextToken
          ? html`<p><button data-testid="load-more" @click=${this.loadMore} ?disabled=${this.loading}>Load more</button></p>`
          : nothing}
        ${this.loading && this.jobs.length === 0 ? html`<p class="muted">Loading…</p>` : nothing}
      </div>
    `;
  }

  private renderRow(job: JobSummary) {
    const name = job.LabelingJobName;
    return html`<tr data-testid="job-row-${name}">
      <td><a href=${href({ page: 'job', job: name })}>${name}</a></td>
      <td>${taskTypeTitle(taskTypeOfArns(job.PreHumanTaskLambdaArn, job.AnnotationConsolidationLambdaArn))}</td>
      <td>${statusBadge(job.LabelingJobStatus)}</td>
      <td>${formatTime(job.CreationTime)}</td>
      <td>${progressBar(job.LabelCounters, `progress-${name}`)}</td>
    </tr>`;
  }
}

if (!customElements.get('verity-job-list')) {
  customElements.define('verity-job-list', VerityJobList);
}
