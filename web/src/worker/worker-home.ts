import { LitElement, css, html, nothing } from 'lit';
import { Api, ApiError } from '../core/api';
import { navigate } from '../core/router';
import { baseStyles } from '../core/styles';
import { taskTypeLabel, type WorkerJob, type WorkerJobs } from './types';

/** The worker's start page: the jobs with work open to them (GET /worker/jobs), each with a Start button. */
export class WorkerHome extends LitElement {
  static properties = {
    api: { attribute: false },
    jobs: { state: true },
    error: { state: true },
    loading: { state: true },
  };

  declare api: Api;
  declare jobs: WorkerJob[] | null;
  declare error: string | null;
  declare loading: boolean;
  private loadedWith: Api | null = null;

  static styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .top {
        display: flex;
        align-items: center;
        gap: 12px;
        margin-bottom: 12px;
      }
      h2 {
        margin: 0;
      }
      .spacer {
        flex: 1;
      }
      .jobs {
        display: grid;
        gap: 10px;
      }
      .job {
        display: flex;
        gap: 16px;
        align-items: center;
      }
      .job .about {
        flex: 1;
        min-width: 0;
      }
      .job h3 {
        margin: 0 0 4px;
        font-size: 16px;
      }
      .job p {
        margin: 0 0 4px;
      }
      .facts {
        display: flex;
        flex-wrap: wrap;
        gap: 14px;
        color: #5f6b7a;
        font-size: 13px;
      }
    `,
  ];

  constructor() {
    super();
    this.jobs = null;
    this.error = null;
    this.loading = false;
  }

  willUpdate(): void {
    if (this.api && this.loadedWith !== this.api) {
      this.loadedWith = this.api;
      void this.refresh();
    }
  }

  async refresh(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      const body = await this.api.get<WorkerJobs>('/worker/jobs');
      this.jobs = body.jobs;
    } catch (e) {
      this.error = e instanceof ApiError ? e.message : (e as Error).message;
    } finally {
      this.loading = false;
    }
  }

  render() {
    return html`
      <div class="top">
        <h2>Jobs open to you</h2>
        <span class="spacer"></span>
        <button data-testid="refresh" ?disabled=${this.loading} @click=${() => this.refresh()}>${this.loading ? 'Refreshing…' : 'Refresh'}</button>
      </div>
      ${this.error ? html`<p class="error" data-testid="jobs-error">Could not load the jobs: ${this.error}</p>` : nothing}
      ${this.jobs === null
        ? this.error
          ? nothing
          : html`<p class="muted">Loading…</p>`
        : this.jobs.length === 0
          ? html`<div class="card" data-testid="no-jobs">
              <p>There is no work for you right now.</p>
              <p class="muted">New jobs can take a minute to appear; refresh to check again.</p>
            </div>`
          : html`<div class="jobs">${this.jobs.map((job) => this.renderJob(job))}</div>`}
    `;
  }

  private renderJob(job: WorkerJob) {
    const remaining = job.objectsRemaining;
    return html`<div class="card job" data-testid="job-${job.jobName}">
      <div class="about">
        <h3>${job.title || job.jobName}</h3>
        ${job.description ? html`<p>${job.description}</p>` : nothing}
        <div class="facts">
          ${job.taskType ? html`<span data-testid="task-type">${taskTypeLabel(job.taskType)}</span>` : nothing}
          ${typeof remaining === 'number' ? html`<span data-testid="objects-remaining">${remaining} object${remaining === 1 ? '' : 's'} left</span>` : nothing}
          ${job.taskTimeLimitInSeconds ? html`<span>${Math.round(job.taskTimeLimitInSeconds / 60)} min per task</span>` : nothing}
          <span class="muted">${job.jobName}</span>
        </div>
      </div>
      <button class="primary" data-testid="start-${job.jobName}" @click=${() => navigate({ page: 'labeling', job: job.jobName })}>Start working</button>
    </div>`;
  }
}

if (!customElements.get('verity-worker-home')) {
  customElements.define('verity-worker-home', WorkerHome);
}
