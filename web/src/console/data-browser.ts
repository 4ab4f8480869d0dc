import { css, html, LitElement, nothing } from 'lit';
import type { Api } from '../core/api';
import { href } from '../core/router';
import { baseStyles } from '../core/styles';
import { answerMaskPng, labelView, namesIn, summarizeAnswer } from './label-view';
import { drawObject, objectStyles } from './object-view';
import { outputManifestUrl } from './output-link';
import { taskTypeTitle } from './task-types';
import type { DataObjectView, ObjectAnswers, ObjectPage, WorkerAnswerView } from './types';
import { consoleStyles, errorText } from './widgets';

const PAGE_SIZE = 24;
const CARD = { width: 280, height: 220 };
const DETAIL = { width: 760, height: 560 };

export interface ObjectFilters {
  label: string;
  minConfidence: string;
  annotatedBy: 'all' | 'human' | 'machine';
}

/** The query for GET /jobs/{name}/objects; empty filters are left out. */
export function objectQuery(filters: ObjectFilters, nextToken: string | null): Record<string, string | number | undefined> {
  return {
    maxResults: PAGE_SIZE,
    nextToken: nextToken ?? undefined,
    label: filters.label || undefined,
    minConfidence: filters.minConfidence.trim() || undefined,
    annotatedBy: filters.annotatedBy === 'all' ? undefined : filters.annotatedBy,
  };
}

/** A job's objects drawn with their consolidated labels, filterable, with each object's worker answers on demand. */
export class VerityDataBrowser extends LitElement {
  static properties = {
    api: { attribute: false },
    job: { type: String },
    page: { state: true },
    objects: { state: true },
    nextToken: { state: true },
    filters: { state: true },
    labels: { state: true },
    loading: { state: true },
    error: { state: true },
    selected: { state: true },
    answers: { state: true },
    answersError: { state: true },
  };

  declare api: Api | null;
  declare job: string;
  declare page: ObjectPage | null;
  declare objects: DataObjectView[];
  declare nextToken: string | null;
  declare filters: ObjectFilters;
  /** Every label name seen in this job's objects, in first-seen order (the label filter's options). */
  declare labels: string[];
  declare loading: boolean;
  declare error: string | null;
  declare selected: DataObjectView | null;
  declare answers: WorkerAnswerView[] | null;
  declare answersError: string | null;
  /** Opens the output manifest's URL (a property so that tests can watch it). */
  openUrl: (url: string) => void = (url) => location.assign(url);
  private generation = 0;

  static styles = [
    baseStyles,
    consoleStyles,
    objectStyles,
    css`
      .filters {
        display: flex;
        gap: 14px;
        align-items: end;
        flex-wrap: wrap;
        margin-bottom: 12px;
      }
      .filters label {
        display: grid;
        gap: 2px;
        font-size: 12px;
        color: #5f6b7a;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(${CARD.width + 34}px, 1fr));
        gap: 14px;
      }
      .object {
        cursor: pointer;
        display: grid;
        gap: 8px;
        align-content: start;
        padding: 12px;
        text-align: left;
      }
      .object:hover,
      .object:focus-visible {
        border-color: #2456d6;
        outline: none;
      }
      .object header,
      .object footer {
        display: flex;
        justify-content: space-between;
        gap: 8px;
        font-size: 12px;
        color: #5f6b7a;
      }
      .object .body {
        max-height: ${CARD.height + 80}px;
        overflow: hidden;
      }
      .detail-backdrop {
        position: fixed;
        inset: 0;
        background: rgba(20, 26, 38, 0.45);
        display: flex;
        align-items: flex-start;
        justify-content: center;
        padding: 40px 16px;
        overflow: auto;
        z-index: 10;
      }
      .detail {
        background: #fff;
        border-radius: 8px;
        padding: 18px;
        max-width: ${DETAIL.width + 40}px;
        width: 100%;
        display: grid;
        gap: 12px;
      }
      .detail header {
        display: flex;
        justify-content: space-between;
        align-items: center;
      }
      .answer-mask {
        max-width: 160px;
        max-height: 120px;
        border: 1px solid #e3e7ee;
      }
      .who {
        font-weight: 600;
      }
    `,
  ];

  constructor() {
    super();
    this.api = null;
    this.job = '';
    this.page = null;
    this.objects = [];
    this.nextToken = null;
    this.filters = { label: '', minConfidence: '', annotatedBy: 'all' };
    this.labels = [];
    this.loading = false;
    this.error = null;
    this.selected = null;
    this.answers = null;
    this.answersError = null;
  }

  disconnectedCallback(): void {
    this.generation++;
    super.disconnectedCallback();
  }

  protected updated(changed: Map<string, unknown>): void {
    if ((changed.has('api') || changed.has('job')) && this.api && this.job) {
      if (changed.has('job')) {
        this.labels = [];
        this.selected = null;
      }
      void this.query();
    }
  }

  /** The first page for the current filters. */
  async query(): Promise<void> {
    this.objects = [];
    this.nextToken = null;
    await this.fetchPage(null);
  }

  private async fetchPage(token: string | null): Promise<void> {
    const api = this.api;
    if (!api || !this.job) {
      return;
    }
    const generation = ++this.generation;
    this.loading = true;
    try {
      const page = await api.get<ObjectPage>(`/jobs/${encodeURIComponent(this.job)}/objects`, objectQuery(this.filters, token));
      if (generation !== this.generation) {
        return;
      }
      this.page = page;
      this.objects = [...this.objects, ...(page.objects ?? [])];
      this.nextToken = page.nextToken ?? null;
      this.learnLabels(page);
      this.error = null;
    } catch (e) {
      if (generation === this.generation) {
        this.error = errorText(e);
      }
    } finally {
      if (generation === this.generation) {
        this.loading = false;
      }
    }
  }

  /** The job's labels in its own order, then any other class names the objects carry. */
  private learnLabels(page: ObjectPage): void {
    const known = new Set(this.labels);
    const added: string[] = [];
    for (const name of page.labels ?? []) {
      if (!known.has(name)) {
        known.add(name);
        added.push(name);
      }
    }
    for (const object of page.objects ?? []) {
      for (const name of namesIn(labelView(page.taskType, object))) {
        if (!known.has(name)) {
          known.add(name);
          added.push(name);
        }
      }
    }
    if (added.length) {
      this.labels = [...this.labels, ...added];
    }
  }

  private setFilter(name: keyof ObjectFilters, value: string): void {
    this.filters = { ...this.filters, [name]: value };
    void this.query();
  }

  private async open(object: DataObjectView): Promise<void> {
    this.selected = object;
    this.answers = null;
    this.answersError = null;
    const api = this.api;
    if (!api) {
      return;
    }
    // an output line past the selected objects' chunks has no id, so no answers to ask for
    if (object.datasetObjectId === undefined) {
      this.answers = [];
      return;
    }
    try {
      const result = await api.get<ObjectAnswers>(
        `/jobs/${encodeURIComponent(this.job)}/objects/${encodeURIComponent(object.datasetObjectId)}/answers`,
      );
      if (this.selected === object) {
        this.answers = result.answers;
      }
    } catch (e) {
      if (this.selected === object) {
        this.answersError = errorText(e);
      }
    }
  }

  private close(): void {
    this.selected = null;
  }

  private async download(): Promise<void> {
    if (!this.api) {
      return;
    }
    try {
      this.openUrl(await outputManifestUrl(this.api, this.job));
    } catch (e) {
      this.error = errorText(e);
    }
  }

  render() {
    const page = this.page;
    return html`
      <div class="toolbar">
        <h1>Labels of ${this.job}</h1>
        <span class="muted">${page ? `${taskTypeTitle(page.taskType)} · label attribute "${page.labelAttributeName}"` : ''}</span>
        <span class="spacer"></span>
        <a href=${href({ page: 'job', job: this.job })}>Job details</a>
        ${page?.outputAvailable ? html`<button data-testid="download-output" @click=${this.download}>Download output manifest</button>` : nothing}
      </div>
      ${this.renderFilters()}
      ${this.error ? html`<p class="error" data-testid="browser-error">${this.error}</p>` : nothing}
      ${page && !page.outputAvailable
        ? html`<p class="card muted" data-testid="output-pending">
            The output is not available yet: labels appear here once the job has consolidated its answers and written the
            output manifest.${this.objects.length ? ' Meanwhile, these are the objects being labeled.' : ''}
          </p>`
        : nothing}
      <div class="grid" data-testid="objects">${this.objects.map((o) => this.renderCard(o))}</div>
      ${page && this.objects.length === 0 && !this.loading && page.outputAvailable
        ? html`<p class="muted" data-testid="no-objects">No objects match these filters.</p>`
        : nothing}
      <p>
        ${this.nextToken
          ? html`<button data-testid="load-more" @click=${() => this.fetchPage(this.nextToken)} ?disabled=${this.loading}>Load more</button>`
          : nothing}
        ${this.loading ? html`<span class="muted">Loading…</span>` : nothing}
      </p>
      ${this.selected ? this.renderDetail(this.selected) : nothing}
    `;
  }

  private renderFilters() {
    const f = this.filters;
    const options = f.label && !this.labels.includes(f.label) ? [...this.labels, f.label] : this.labels;
    return html`<div class="filters">
      <label
        >Label
        <select name="label" @change=${(e: Event) => this.setFilter('label', (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${f.label === ''}>Any label</option>
          ${options.map((l) => html`<option value=${l} ?selected=${f.label === l}>${l}</option>`)}
        </select>
      </label>
      <label
        >Minimum confidence
        <input
          name="minConfidence"
          type="number"
          min="0"
          max="1"
          step="0.05"
          placeholder="0–1"
          .value=${f.minConfidence}
          @change=${(e: Event) => this.setFilter('minConfidence', (e.target as HTMLInputElement).value)}
        />
      </label>
      <label
        >Annotated by
        <select name="annotatedBy" @change=${(e: Event) => this.setFilter('annotatedBy', (e.target as HTMLSelectElement).value)}>
          <option value="all" ?selected=${f.annotatedBy === 'all'}>Humans or machine</option>
          <option value="human" ?selected=${f.annotatedBy === 'human'}>Humans</option>
          <option value="machine" ?selected=${f.annotatedBy === 'machine'}>Machine</option>
        </select>
      </label>
    </div>`;
  }

  private renderCard(object: DataObjectView) {
    const taskType = this.page?.taskType ?? '';
    const labeled = object.label !== undefined && object.label !== null;
    return html`<div
      class="card object"
      role="button"
      tabindex="0"
      data-testid="object-${object.datasetObjectId}"
      @click=${() => this.open(object)}
      @keydown=${(e: KeyboardEvent) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), this.open(object))}
    >
      <header><span>#${object.datasetObjectId}</span><span>line ${object.line}</span></header>
      <div class="body">${drawObject(taskType, object, CARD, this.labels)}</div>
      <footer>
        <span data-testid="confidence">${typeof object.confidence === 'number' ? `confidence ${Math.round(object.confidence * 100)}%` : labeled ? '' : 'not labeled yet'}</span>
        ${labeled ? html`<span class="badge ${object.humanAnnotated ? 'ok' : 'busy'}" data-testid="annotated-by">${object.humanAnnotated ? 'human' : 'machine'}</span>` : nothing}
      </footer>
    </div>`;
  }

  private renderDetail(object: DataObjectView) {
    const taskType = this.page?.taskType ?? '';
    return html`<div class="detail-backdrop" @click=${(e: Event) => e.target === e.currentTarget && this.close()}>
      <div class="detail" role="dialog" aria-modal="true" data-testid="object-detail" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.close()}>
        <header>
          <h2 style="margin:0">Object #${object.datasetObjectId} <span class="muted">(line ${object.line})</span></h2>
          <button data-testid="close-detail" @click=${this.close}>Close</button>
        </header>
        ${object.sourceRef ? html`<span class="muted">${object.sourceRef}</span>` : nothing}
        <div>${drawObject(taskType, object, DETAIL, this.labels)}</div>
        <div>
          ${typeof object.confidence === 'number' ? html`Confidence ${Math.round(object.confidence * 100)}% · ` : nothing}
          ${object.label !== undefined && object.label !== null ? (object.humanAnnotated ? 'labeled by humans' : 'labeled by machine') : 'not labeled yet'}
        </div>
        <h2>Worker answers</h2>
        ${this.renderAnswers()}
        <details>
          <summary>Label JSON</summary>
          <pre class="json">${JSON.stringify({ label: object.label, metadata: object.metadata }, null, 2)}</pre>
        </details>
      </div>
    </div>`;
  }

  private renderAnswers() {
    if (this.answersError) {
      return html`<p class="error">${this.answersError}</p>`;
    }
    if (this.answers === null) {
      return html`<p class="muted">Loading…</p>`;
    }
    if (this.answers.length === 0) {
      return html`<p class="muted">No worker has answered this object.</p>`;
    }
    return html`<table data-testid="answers-table">
      <thead>
        <tr>
          <th>Worker</th>
          <th>Submitted</th>
          <th>Answer</th>
        </tr>
      </thead>
      <tbody>
        ${this.answers.map((a) => {
          const mask = answerMaskPng(a.answer);
          return html`<tr data-testid="answer-${a.workerId}">
            <td class="who">${a.workerId}</td>
            <td>${a.submittedAt ? new Date(a.submittedAt).toLocaleString() : '—'}</td>
            <td>
              ${summarizeAnswer(a.answer)}
              ${mask ? html`<br /><img class="answer-mask" alt="the worker's mask" src="data:image/png;base64,${mask}" />` : nothing}
            </td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }
}

if (!customElements.get('verity-data-browser')) {
  customElements.define('verity-data-browser', VerityDataBrowser);
}
