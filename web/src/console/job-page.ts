import { css, html, LitElement, nothing } from 'lit';
import { ApiError, type Api } from '../core/api';
import { href } from '../core/router';
import { baseStyles } from '../core/styles';
import { canStop, formatDuration, formatFraction, formatTime, hasOutput, isFinal } from './job-status';
import { outputManifestUrl } from './output-link';
import { taskTypeOfArns, taskTypeTitle } from './task-types';
import { roundsChart, roundsStyles, roundsTable } from './rounds-chart';
import { costPanel, costStyles } from './cost-panel';
import { metricsPanel } from './metrics-panel';
import { choiceValue, exportChoices, exportLabels } from './export-menu';
import type { JobCost, JobDescription, JobMetrics, LabelExport, RoundsReport, WorkerReport, WorkerStats } from './types';
import { consoleStyles, errorText, progressBar, statusBadge } from './widgets';

/** How often the page refreshes until the job reaches a final status. */
export const JOB_REFRESH_MS = 2500;

/**
 * One labeling job: live status and progress, its automated-labeling rounds (if it has any), its workers (the width
 * of the page), its settings, cost and metrics, and Stop / Browse / Download.
 */
export class VerityJobPage extends LitElement {
  static properties = {
    api: { attribute: false },
    job: { type: String },
    description: { state: true },
    error: { state: true },
    workers: { state: true },
    workersNote: { state: true },
    workersLive: { state: true },
    rounds: { state: true },
    roundsError: { state: true },
    cost: { state: true },
    costError: { state: true },
    metrics: { state: true },
    metricsError: { state: true },
    actionError: { state: true },
    acting: { state: true },
    exportValue: { state: true },
    exporting: { state: true },
    lastExport: { state: true },
  };

  declare api: Api | null;
  declare job: string;
  declare description: JobDescription | null;
  declare error: string | null;
  declare workers: WorkerStats[] | null;
  declare workersNote: string | null;
  declare workersLive: boolean;
  /** GET /jobs/{name}/rounds, for jobs with automated labeling; kept when a later refresh fails. */
  declare rounds: RoundsReport | null;
  declare roundsError: string | null;
  /** GET /jobs/{name}/cost: what the job has cost in AWS so far; kept when a later refresh fails. */
  declare cost: JobCost | null;
  declare costError: string | null;
  /** GET /jobs/{name}/metrics: the job's task metrics so far; kept when a later refresh fails. */
  declare metrics: JobMetrics | null;
  declare metricsError: string | null;
  declare actionError: string | null;
  declare acting: boolean;
  /** The export menu's choice ("coco", "coco:polygons", …); empty for the first that applies. */
  declare exportValue: string;
  declare exporting: boolean;
  /** What the last export wrote (GET /jobs/{name}/export), shown under the menu. */
  declare lastExport: LabelExport | null;
  /** Opens the output manifest's URL (a property so that tests can watch it). */
  openUrl: (url: string) => void = (url) => location.assign(url);
  /** Asks before stopping (a property so that tests can answer). */
  confirmStop: (message: string) => boolean = (message) => confirm(message);
  private timer: ReturnType<typeof setTimeout> | null = null;
  private generation = 0;

  static styles = [
    baseStyles,
    consoleStyles,
    roundsStyles,
    costStyles,
    css`
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(340px, 1fr));
        gap: 16px;
      }
      /* the workers' table, five columns, needs the page's width */
      .grid > .wide {
        grid-column: 1 / -1;
      }
      .counters {
        display: flex;
        gap: 18px;
        flex-wrap: wrap;
        margin-top: 10px;
      }
      .counters div {
        display: grid;
      }
      .counters b {
        font-size: 18px;
      }
      .counters span {
        font-size: 12px;
        color: #5f6b7a;
      }
      .status-line {
        display: flex;
        align-items: center;
        gap: 12px;
        margin-bottom: 8px;
      }
      .actions a.button {
        border: 1px solid #b8c0cc;
        border-radius: 6px;
        padding: 6px 12px;
        text-decoration: none;
        color: inherit;
        background: #fff;
      }
    `,
  ];

  constructor() {
    super();
    this.api = null;
    this.job = '';
    this.description = null;
    this.error = null;
    this.workers = null;
    this.workersNote = null;
    this.workersLive = false;
    this.rounds = null;
    this.roundsError = null;
    this.cost = null;
    this.costError = null;
    this.metrics = null;
    this.metricsError = null;
    this.actionError = null;
    this.acting = false;
    this.exportValue = '';
    this.exporting = false;
    this.lastExport = null;
  }

  connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated && this.api && this.job) {
      void this.load();
    }
  }

  disconnectedCallback(): void {
    this.stopTimer();
    this.generation++;
    super.disconnectedCallback();
  }

  protected updated(changed: Map<string, unknown>): void {
    if ((changed.has('api') || changed.has('job')) && this.api && this.job) {
      if (changed.has('job')) {
        this.description = null;
        this.workers = null;
        this.workersNote = null;
        this.rounds = null;
        this.roundsError = null;
        this.cost = null;
        this.costError = null;
        this.metrics = null;
        this.metricsError = null;
        this.error = null;
        this.actionError = null;
        this.exportValue = '';
        this.lastExport = null;
      }
      void this.load();
    }
  }

  /** Describes the job, its workers and its rounds; schedules the next refresh while it may change. */
  async load(): Promise<void> {
    const api = this.api;
    const job = this.job;
    if (!api || !job) {
      return;
    }
    const generation = ++this.generation;
    this.stopTimer();
    const wasFinal = isFinal(this.description?.LabelingJobStatus);
    try {
      const description = await api.get<JobDescription>(`/jobs/${encodeURIComponent(job)}`);
      if (generation !== this.generation) {
        return;
      }
      this.description = description;
      this.error = null;
      // live figures on every refresh while the job runs; the final ones once, when it ends
      const refresh = !isFinal(description.LabelingJobStatus) || !wasFinal;
      await Promise.all([
        refresh || this.workers === null ? this.loadWorkers(api, job, generation) : undefined,
        this.autoLabels(description) && (refresh || this.rounds === null) ? this.loadRounds(api, job, generation) : undefined,
        refresh || this.cost === null ? this.loadCost(api, job, generation) : undefined,
        refresh || this.metrics === null ? this.loadMetrics(api, job, generation) : undefined,
      ]);
    } catch (e) {
      if (generation !== this.generation) {
        return;
      }
      this.error = errorText(e);
      if (e instanceof ApiError && e.status === 404) {
        return; // no such job: nothing to poll for
      }
    }
    if (generation === this.generation && this.isConnected && !isFinal(this.description?.LabelingJobStatus)) {
      this.timer = setTimeout(() => void this.load(), JOB_REFRESH_MS);
    }
  }

  private async loadWorkers(api: Api, job: string, generation: number): Promise<void> {
    try {
      const report = await api.get<WorkerReport>(`/jobs/${encodeURIComponent(job)}/workers`);
      if (generation === this.generation) {
        this.workers = report.workers ?? [];
        this.workersNote = null;
        this.workersLive = report.final === false;
      }
    } catch (e) {
      if (generation === this.generation) {
        this.workers = [];
        this.workersNote = errorText(e);
      }
    }
  }

  private async loadRounds(api: Api, job: string, generation: number): Promise<void> {
    try {
      const report = await api.get<RoundsReport>(`/jobs/${encodeURIComponent(job)}/rounds`);
      if (generation === this.generation) {
        this.rounds = { ...report, rounds: report.rounds ?? [] };
        this.roundsError = null;
      }
    } catch (e) {
      // shown in the section alone; the rounds from an earlier refresh stay
      if (generation === this.generation) {
        this.roundsError = errorText(e);
      }
    }
  }

  private async loadCost(api: Api, job: string, generation: number): Promise<void> {
    try {
      const cost = await api.get<JobCost>(`/jobs/${encodeURIComponent(job)}/cost`);
      if (generation === this.generation) {
        this.cost = cost;
        this.costError = null;
      }
    } catch (e) {
      // shown in the cost card alone; the figures of an earlier refresh stay
      if (generation === this.generation) {
        this.costError = errorText(e);
      }
    }
  }

  private async loadMetrics(api: Api, job: string, generation: number): Promise<void> {
    try {
      const metrics = await api.get<JobMetrics>(`/jobs/${encodeURIComponent(job)}/metrics`);
      if (generation === this.generation) {
        this.metrics = metrics;
        this.metricsError = null;
      }
    } catch (e) {
      // shown in the metrics card alone; the figures of an earlier refresh stay
      if (generation === this.generation) {
        this.metricsError = errorText(e);
      }
    }
  }

  /** Human-only jobs have no rounds: nothing to ask for, and no section. */
  private autoLabels(d: JobDescription): boolean {
    return d.LabelingJobAlgorithmsConfig !== undefined || this.rounds?.autoLabeling === true;
  }

  private stopTimer(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private async stop(): Promise<void> {
    const api = this.api;
    if (!api || !this.confirmStop(`Stop labeling job ${this.job}? No more tasks go to workers; the answers so far are consolidated into the output.`)) {
      return;
    }
    this.acting = true;
    this.actionError = null;
    try {
      await api.post(`/jobs/${encodeURIComponent(this.job)}/stop`);
      await this.load();
    } catch (e) {
      this.actionError = errorText(e);
    } finally {
      this.acting = false;
    }
  }

  private async exportLabels(): Promise<void> {
    const api = this.api;
    const d = this.description;
    if (!api || !d) {
      return;
    }
    const choices = exportChoices(this.taskType(d));
    const value = this.exportValue || (choices[0] ? choiceValue(choices[0]) : '');
    if (!value) {
      return;
    }
    this.exporting = true;
    this.actionError = null;
    try {
      this.lastExport = await exportLabels(api, this.job, value);
      this.openUrl(this.lastExport.url);
    } catch (e) {
      this.actionError = errorText(e);
    } finally {
      this.exporting = false;
    }
  }

  private taskType(d: JobDescription): string | undefined {
    const human = d.HumanTaskConfig ?? {};
    return taskTypeOfArns(
      human.PreHumanTaskLambdaArn ?? d.PreHumanTaskLambdaArn,
      human.AnnotationConsolidationConfig?.AnnotationConsolidationLambdaArn ?? d.AnnotationConsolidationLambdaArn,
    );
  }

  private renderExport(d: JobDescription) {
    const choices = exportChoices(this.taskType(d));
    if (!hasOutput(d.LabelingJobStatus) || choices.length === 0) {
      return nothing;
    }
    const last = this.lastExport;
    return html`<p class="toolbar actions" data-testid="export-menu">
        <label
          >Export labels as
          <select
            name="export-format"
            data-testid="export-format"
            @change=${(e: Event) => (this.exportValue = (e.target as HTMLSelectElement).value)}
          >
            ${choices.map(
              (c) => html`<option value=${choiceValue(c)} ?selected=${choiceValue(c) === this.exportValue}>${c.title}</option>`,
            )}
          </select></label
        >
        <button data-testid="export-labels" @click=${this.exportLabels} ?disabled=${this.exporting}>
          ${this.exporting ? 'Exporting…' : 'Export'}
        </button>
      </p>
      ${last
        ? html`<p class="muted" data-testid="export-result">
            ${last.format}: ${last.objects} objects${last.skipped ? ` (${last.skipped} lines without a label left out)` : ''},
            written to <code>${last.s3Uri}</code> — <a href=${last.url} download=${last.fileName}>download again</a>
          </p>`
        : nothing}`;
  }

  private async download(): Promise<void> {
    const api = this.api;
    if (!api) {
      return;
    }
    this.actionError = null;
    try {
      this.openUrl(await outputManifestUrl(api, this.job));
    } catch (e) {
      this.actionError = errorText(e);
    }
  }

  render() {
    const d = this.description;
    return html`
      <div class="toolbar">
        <h1>${this.job}</h1>
        <span class="spacer"></span>
        <a href=${href({ page: 'job-list' })}>All jobs</a>
      </div>
      ${this.error ? html`<p class="error" data-testid="job-error">${this.error}</p>` : nothing}
      ${d ? this.renderJob(d) : this.error ? nothing : html`<p class="muted">Loading…</p>`}
    `;
  }

  private renderJob(d: JobDescription) {
    const status = d.LabelingJobStatus;
    const counters = d.LabelCounters;
    return html`
      <div class="card">
        <div class="status-line">
          ${statusBadge(status, 'job-status')}
          <span class="muted">${isFinal(status) ? `finished ${formatTime(d.LastModifiedTime)}` : 'updating live'}</span>
        </div>
        ${d.FailureReason ? html`<p class="error" data-testid="failure-reason">${d.FailureReason}</p>` : nothing}
        ${progressBar(counters, 'progress')}
        <div class="counters" data-testid="label-counters">
          ${(
            [
              ['Labeled', counters?.TotalLabeled],
              ['By humans', counters?.HumanLabeled],
              // a human-only job never has machine labels: the counter shows for jobs that may
              ...(counters?.MachineLabeled || this.autoLabels(d) ? ([['By machine', counters?.MachineLabeled]] as const) : []),
              ['Failed', counters?.FailedNonRetryableError],
              ['Unlabeled', counters?.Unlabeled],
            ] as const
          ).map(([name, value]) => html`<div><b>${value ?? 0}</b><span>${name}</span></div>`)}
        </div>
        <p class="toolbar actions" style="margin-top:14px">
          <a class="button" data-testid="browse-data" href=${href({ page: 'data', job: this.job })}>Browse labels</a>
          ${hasOutput(status) ? html`<button data-testid="download-output" @click=${this.download}>Download output manifest</button>` : nothing}
          ${canStop(status) ? html`<button class="danger" data-testid="stop-job" @click=${this.stop} ?disabled=${this.acting}>Stop job</button>` : nothing}
        </p>
        ${this.renderExport(d)}
        ${this.actionError ? html`<p class="error" data-testid="action-error">${this.actionError}</p>` : nothing}
      </div>
      ${this.autoLabels(d) ? this.renderAutoLabeling(d) : nothing}
      <div class="grid" style="margin-top:16px">
        <div class="card wide">
          <h2 style="margin-top:0">Workers</h2>
          ${this.renderWorkers()}
        </div>
        <div class="card">
          <h2 style="margin-top:0">Settings</h2>
          ${this.renderSettings(d)}
        </div>
        <div class="card" data-testid="job-cost">
          <h2 style="margin-top:0">AWS cost</h2>
          ${this.costError ? html`<p class="muted" data-testid="cost-error">${this.costError}</p>` : nothing}
          ${this.cost ? costPanel(this.cost) : this.costError ? nothing : html`<p class="muted">Loading…</p>`}
        </div>
        <div class="card" data-testid="job-metrics">
          <h2 style="margin-top:0">Metrics</h2>
          ${this.metricsError ? html`<p class="muted" data-testid="metrics-error">${this.metricsError}</p>` : nothing}
          ${this.metrics ? metricsPanel(this.metrics) : this.metricsError ? nothing : html`<p class="muted">Loading…</p>`}
        </div>
      </div>
    `;
  }

  private renderSettings(d: JobDescription) {
    const human = d.HumanTaskConfig ?? {};
    const pre = human.PreHumanTaskLambdaArn ?? d.PreHumanTaskLambdaArn;
    const acs = human.AnnotationConsolidationConfig?.AnnotationConsolidationLambdaArn ?? d.AnnotationConsolidationLambdaArn;
    const type = taskTypeOfArns(pre, acs);
    const selection = d.DataObjectSelection;
    const rows: [string, unknown][] = [
      ['Task type', taskTypeTitle(type)],
      ['Label attribute', d.LabelAttributeName],
      ['Created', formatTime(d.CreationTime)],
      ['Input manifest', d.InputConfig?.DataSource?.S3DataSource?.ManifestS3Uri],
      ['Input topic (streaming)', d.InputConfig?.DataSource?.SnsDataSource?.SnsTopicArn],
      ['Objects in manifest', d.DatasetObjects],
      ['Rejected manifest lines', d.RejectedManifestLines],
      ['Objects to label', selectionText(selection)],
      ['Label categories', d.LabelCategoryConfigS3Uri],
      ['Output path', d.OutputConfig?.S3OutputPath],
      ['Output manifest', d.LabelingJobOutput?.OutputDatasetS3Uri],
      ['Output topic', d.OutputConfig?.SnsTopicArn],
      ['Task title', human.TaskTitle],
      ['Task description', human.TaskDescription],
      ['Workers per object', human.NumberOfHumanWorkersPerDataObject],
      ['Task time limit', formatDuration(human.TaskTimeLimitInSeconds)],
      ['Task availability', formatDuration(human.TaskAvailabilityLifetimeInSeconds)],
      ['Labeling algorithm', d.LabelingJobAlgorithmsConfig?.LabelingJobAlgorithmSpecificationArn],
      ['Initial model', d.LabelingJobAlgorithmsConfig?.InitialActiveLearningModelArn],
      ['Pre-annotation Lambda', type === 'Custom' ? pre : undefined],
      ['Post-annotation Lambda', type === 'Custom' ? acs : undefined],
      ['ARN', d.LabelingJobArn],
    ];
    return html`<dl class="settings" data-testid="job-settings">
      ${rows
        .filter(([, value]) => value !== undefined && value !== null && value !== '')
        .map(([name, value]) => html`<dt>${name}</dt><dd>${String(value)}</dd>`)}
    </dl>`;
  }

  private renderAutoLabeling(d: JobDescription) {
    const finalModel = d.LabelingJobOutput?.FinalActiveLearningModelArn;
    return html`<div class="card" style="margin-top:16px" data-testid="auto-labeling">
      <h2 style="margin-top:0">Automated labeling</h2>
      ${this.roundsError ? html`<p class="error" data-testid="rounds-error">${this.roundsError}</p>` : nothing}
      ${this.renderRounds(isFinal(d.LabelingJobStatus))}
      ${finalModel
        ? html`<p data-testid="final-model">
            Final model: <code>${finalModel}</code><br />
            <span class="muted">Pass it as LabelingJobAlgorithmsConfig.InitialActiveLearningModelArn to a later job to start from this model.</span>
          </p>`
        : nothing}
    </div>`;
  }

  private renderRounds(final: boolean) {
    const report = this.rounds;
    if (report === null) {
      return this.roundsError ? nothing : html`<p class="muted">Loading…</p>`;
    }
    const rounds = report.rounds;
    if (rounds.length === 0) {
      return html`<p class="muted" data-testid="rounds-empty">
        ${final ? 'No round finished before the job ended.' : 'The first round is still with the workers.'}
      </p>`;
    }
    const last = rounds[rounds.length - 1];
    return html`${roundsChart(rounds)} ${roundsTable(rounds)}
      <p data-testid="rounds-totals">
        So far (after round ${last.iteration}): <b>${last.machineLabeledTotal}</b> labeled by machine,
        <b>${last.humanLabeledTotal}</b> by humans.
      </p>`;
  }

  private renderWorkers() {
    if (this.workers === null) {
      return html`<p class="muted">Loading…</p>`;
    }
    if (this.workersNote) {
      return html`<p class="muted" data-testid="workers-note">${this.workersNote}</p>`;
    }
    if (this.workers.length === 0) {
      return html`<p class="muted" data-testid="workers-note">No worker answered this job.</p>`;
    }
    return html`${this.workersLive
        ? html`<p class="muted" data-testid="workers-live">Answers so far; gold scores and estimated accuracy come with the output.</p>`
        : nothing}
      <table data-testid="workers-table">
      <thead>
        <tr>
          <th>Worker</th>
          <th>Answers</th>
          <th>Gold correct</th>
          <th>Gold accuracy</th>
          <th>Estimated accuracy</th>
        </tr>
      </thead>
      <tbody>
        ${this.workers.map(
          (w) => html`<tr data-testid="worker-${w.workerId}">
            <td>${w.workerId}</td>
            <td>${w.answers}</td>
            <td>${w.goldAnswered ? `${w.goldCorrect ?? 0} / ${w.goldAnswered}` : '—'}</td>
            <td>${formatFraction(w.goldAccuracy)}</td>
            <td>${formatFraction(w.estimatedAccuracy)}</td>
          </tr>`,
        )}
      </tbody>
      </table>`;
  }
}

function selectionText(selection: JobDescription['DataObjectSelection']): string {
  if (!selection || !selection.Mode || selection.Mode === 'All') {
    return 'All';
  }
  if (selection.Mode === 'RandomSample') {
    const what = selection.SampleSize !== undefined ? `${selection.SampleSize} objects` : `${selection.SamplePercentage}%`;
    return `Random sample of ${what}${selection.Seed !== undefined ? ` (seed ${selection.Seed})` : ''}`;
  }
  return `Filter: ${selection.FilterQuery ?? ''}`;
}

if (!customElements.get('verity-job-page')) {
  customElements.define('verity-job-page', VerityJobPage);
}
