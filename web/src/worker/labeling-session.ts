import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { Api, ApiError } from '../core/api';
import { href, navigate } from '../core/router';
import { baseStyles } from '../core/styles';
import { sanitizeHtml } from './sanitize';
import { formatTimeLeft, millisLeft } from './time';
import { taskTypeLabel, taskTypeOf, type Task, type TaskTypeName } from './types';
import type { ToolElement } from './tool';
import { isTyping } from './zoom-pan';
import './classify-tool';
import './bbox-tool';
import './seg-tool';
import './ner-tool';
import './custom-tool';

type Phase = 'loading' | 'task' | 'none' | 'load-error' | 'released';

/**
 * One worker's labeling session on a job: takes the next task, shows its tool, instructions and time left, and
 * submits, releases or declines it; after a submit or decline it takes the next. A failed submit keeps the tool (and
 * so everything the worker did) and can be retried. Keys: 1–9 labels, Enter submits, Escape cancels, Shift+R
 * releases, ? shows the keys.
 */
export class LabelingSession extends LitElement {
  static properties = {
    api: { attribute: false },
    job: { type: String },
    phase: { state: true },
    task: { state: true },
    loadError: { state: true },
    submitting: { state: true },
    submitError: { state: true },
    actionError: { state: true },
    busy: { state: true },
    confirmingDecline: { state: true },
    helpOpen: { state: true },
    submitted: { state: true },
    now: { state: true },
  };

  declare api: Api;
  declare job: string;
  declare phase: Phase;
  declare task: Task | null;
  declare loadError: string | null;
  declare submitting: boolean;
  declare submitError: string | null;
  /** A failed release or decline. */
  declare actionError: string | null;
  /** A release or decline is on its way. */
  declare busy: boolean;
  declare confirmingDecline: boolean;
  declare helpOpen: boolean;
  /** Tasks submitted in this session. */
  declare submitted: number;
  declare now: number;
  /** The clock the countdown reads; tests replace it. */
  clock: () => number = () => Date.now();
  private timer: ReturnType<typeof setInterval> | undefined;
  private loadedJob: string | null = null;
  private readonly onKeyDown = (e: KeyboardEvent) => this.handleKey(e);

  static styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 12px;
        margin-bottom: 8px;
      }
      h2 {
        margin: 0;
        font-size: 20px;
      }
      .type {
        color: #5f6b7a;
      }
      .spacer {
        flex: 1;
      }
      .time {
        font: 600 16px ui-monospace, monospace;
        padding: 2px 8px;
        border-radius: 6px;
        background: #eef2f7;
      }
      .time.low {
        background: #fdecea;
        color: #b3261e;
      }
      .instructions {
        margin-bottom: 10px;
      }
      .instructions img {
        max-width: 100%;
      }
      details summary {
        cursor: pointer;
        color: #2456d6;
      }
      .actions {
        position: sticky;
        bottom: 0;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 10px;
        padding: 10px 0;
        margin-top: 10px;
        background: #f5f7fa;
        border-top: 1px solid #e3e7ee;
        z-index: 2;
      }
      .hint {
        color: #5f6b7a;
      }
      button.primary kbd {
        background: transparent;
        color: #fff;
        border-color: rgba(255, 255, 255, 0.6);
      }
      .confirm {
        display: flex;
        gap: 8px;
        align-items: center;
        background: #fff8e6;
        border: 1px solid #f0d48a;
        border-radius: 6px;
        padding: 6px 10px;
      }
      .overlay {
        position: fixed;
        inset: 0;
        background: rgba(20, 24, 33, 0.45);
        display: grid;
        place-items: center;
        z-index: 10;
      }
      .overlay .card {
        min-width: 360px;
        max-width: 560px;
        max-height: 80vh;
        overflow: auto;
      }
      kbd {
        font: 12px ui-monospace, monospace;
        border: 1px solid #c9d0da;
        border-radius: 3px;
        padding: 0 4px;
        background: #f5f7fa;
      }
      .center {
        text-align: center;
        padding: 40px 20px;
      }
    `,
  ];

  constructor() {
    super();
    this.job = '';
    this.phase = 'loading';
    this.task = null;
    this.loadError = null;
    this.submitting = false;
    this.submitError = null;
    this.actionError = null;
    this.busy = false;
    this.confirmingDecline = false;
    this.helpOpen = false;
    this.submitted = 0;
    this.now = Date.now();
  }

  connectedCallback(): void {
    super.connectedCallback();
    addEventListener('keydown', this.onKeyDown);
    this.timer = setInterval(() => (this.now = this.clock()), 1000);
  }

  disconnectedCallback(): void {
    removeEventListener('keydown', this.onKeyDown);
    clearInterval(this.timer);
    super.disconnectedCallback();
  }

  willUpdate(changed: Map<string, unknown>): void {
    if ((changed.has('job') || changed.has('api')) && this.api && this.job && this.loadedJob !== this.job) {
      this.loadedJob = this.job;
      void this.loadNext();
    }
  }

  /** The task's tool element, once rendered. */
  get tool(): ToolElement | null {
    return this.renderRoot.querySelector<ToolElement>('[data-testid="task"] > .tool');
  }

  private get expired(): boolean {
    return this.phase === 'task' && millisLeft(this.task?.deadline, this.now) === 0;
  }

  /** Why Submit is disabled, or null when it is enabled. */
  submitBlocker(): string | null {
    if (this.phase !== 'task' || !this.task) return 'no task';
    if (this.expired) return 'the time is up';
    if (this.submitting) return 'submitting…';
    const tool = this.tool;
    if (!tool) return 'the task is loading';
    return tool.hint();
  }

  async loadNext(): Promise<void> {
    this.phase = 'loading';
    this.loadError = null;
    this.submitError = null;
    this.actionError = null;
    this.confirmingDecline = false;
    try {
      const task = await this.api.post<Task | null>(`/worker/jobs/${encodeURIComponent(this.job)}/tasks/next`);
      this.now = this.clock();
      this.task = task;
      this.phase = task ? 'task' : 'none';
    } catch (e) {
      this.task = null;
      this.loadError = reason(e);
      this.phase = 'load-error';
    }
  }

  async submit(): Promise<void> {
    const task = this.task;
    const tool = this.tool;
    if (!task || !tool || this.submitBlocker() !== null) {
      return;
    }
    this.submitting = true;
    this.submitError = null;
    let sent = false;
    try {
      const answerContent = await tool.answerContent();
      await this.api.post(`/worker/assignments/${encodeURIComponent(task.assignmentId)}`, { answerContent });
      sent = true;
    } catch (e) {
      this.submitError = `Not submitted: ${reason(e)}`;
    } finally {
      this.submitting = false;
    }
    if (sent) {
      this.submitted++;
      await this.loadNext();
    }
  }

  async release(): Promise<void> {
    if (!this.task || this.busy || this.phase !== 'task') return;
    this.busy = true;
    this.actionError = null;
    try {
      await this.api.post(`/worker/assignments/${encodeURIComponent(this.task.assignmentId)}/release`);
      this.task = null;
      this.phase = 'released';
    } catch (e) {
      this.actionError = `Not released: ${reason(e)}`;
    } finally {
      this.busy = false;
    }
  }

  async decline(): Promise<void> {
    if (!this.task || this.busy || this.phase !== 'task') return;
    this.busy = true;
    this.actionError = null;
    let declined = false;
    try {
      await this.api.post(`/worker/assignments/${encodeURIComponent(this.task.assignmentId)}/decline`);
      declined = true;
    } catch (e) {
      this.actionError = `Not declined: ${reason(e)}`;
    } finally {
      this.busy = false;
      this.confirmingDecline = false;
    }
    if (declined) {
      await this.loadNext();
    }
  }

  private handleKey(event: KeyboardEvent): void {
    if (event.defaultPrevented || isTyping(event)) {
      return;
    }
    if (event.key === '?') {
      this.helpOpen = !this.helpOpen;
      event.preventDefault();
      return;
    }
    if (event.key === 'Escape' && (this.helpOpen || this.confirmingDecline)) {
      this.helpOpen = false;
      this.confirmingDecline = false;
      event.preventDefault();
      return;
    }
    const tool = this.tool;
    if (this.phase !== 'task' || !tool) {
      return;
    }
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
    let used = true;
    if (plain && /^[1-9]$/.test(event.key)) {
      tool.pickLabel(Number(event.key) - 1);
    } else if (plain && event.key === 'Enter') {
      if (!tool.takeEnter()) {
        void this.submit();
      }
    } else if (plain && event.key === 'Escape') {
      tool.cancel();
    } else if (plain && event.shiftKey && (event.key === 'R' || event.key === 'r')) {
      void this.release();
    } else {
      used = tool.handleKey(event);
    }
    if (used) {
      event.preventDefault(); // e.g. Enter must not also press the focused button
      this.requestUpdate();
    }
  }

  /** Tasks submitted so far; shown in every view once there is one, so the worker (and tests) see each submit land. */
  private submittedCount() {
    return this.submitted
      ? html`<span class="muted" data-testid="submitted-count">${this.submitted} submitted</span>`
      : nothing;
  }

  render() {
    switch (this.phase) {
      case 'loading':
        return html`<p class="muted" data-testid="loading">Getting a task… ${this.submittedCount()}</p>`;
      case 'load-error':
        return html`<div class="center">
          <p class="error" data-testid="load-error">Could not get a task: ${this.loadError}</p>
          <p>${this.submittedCount()}</p>
          ${this.retryButtons()}
        </div>`;
      case 'none':
        return html`<div class="center card" data-testid="no-tasks">
          <h3>No task available right now</h3>
          <p>${this.submittedCount()}</p>
          <p class="muted">
            Others may hold the remaining
            tasks, or the job is done. Tasks that time out or are released come back.
          </p>
          ${this.retryButtons()}
        </div>`;
      case 'released':
        return html`<div class="center card" data-testid="released">
          <h3>Task released</h3>
          <p class="muted">It went back to the queue for someone else.</p>
          <p>${this.submittedCount()}</p>
          ${this.retryButtons('Get another task')}
        </div>`;
      case 'task':
        return this.renderTask(this.task!);
    }
  }

  private retryButtons(label = 'Check again') {
    return html`<p>
      <button class="primary" data-testid="check-again" @click=${() => this.loadNext()}>${label}</button>
      <button data-testid="back-to-jobs" @click=${() => navigate({ page: 'worker-home' })}>Back to jobs</button>
    </p>`;
  }

  private renderTask(task: Task) {
    let type: TaskTypeName | null = null;
    let typeError: string | null = null;
    try {
      type = taskTypeOf(task);
    } catch (e) {
      typeError = (e as Error).message;
    }
    const left = millisLeft(task.deadline, this.now);
    const blocker = this.submitBlocker();
    return html`
      <header>
        <h2 data-testid="task-title">${task.title || task.jobName}</h2>
        <span class="type">${taskTypeLabel(type ?? task.taskType)}</span>
        <span class="spacer"></span>
        ${this.submittedCount()}
        ${left === null
          ? nothing
          : html`<span class="time ${left < 60_000 ? 'low' : ''}" data-testid="time-left" title="Time left">${formatTimeLeft(left)}</span>`}
        <button data-testid="help" title="Keyboard shortcuts (?)" @click=${() => (this.helpOpen = true)}>?</button>
        <a href=${href({ page: 'worker-home' })}>Jobs</a>
      </header>
      ${this.renderInstructions(task)}
      ${this.expired
        ? html`<div class="error" data-testid="expired">
            The time is up; the task went back to the queue.
            <button class="primary" data-testid="next-task" @click=${() => this.loadNext()}>Get the next task</button>
          </div>`
        : nothing}
      ${typeError
        ? html`<p class="error" data-testid="task-error">${typeError}. Release or decline it.</p>`
        : html`<div data-testid="task" data-task-type=${type!} @tool-change=${() => this.requestUpdate()} @tool-submit=${() => this.submit()}>
            ${keyed(task.assignmentId, this.toolFor(type!, task))}
          </div>`}
      <div class="actions">
        <button class="primary" data-testid="submit" ?disabled=${blocker !== null} @click=${() => this.submit()}>
          ${this.submitting ? 'Submitting…' : 'Submit'} <kbd>Enter</kbd>
        </button>
        ${blocker && !this.submitting && !this.expired ? html`<span class="hint" data-testid="submit-hint">${blocker}</span>` : nothing}
        <span class="spacer"></span>
        <button data-testid="release" ?disabled=${this.busy || this.expired} title="Give the task back (Shift+R)" @click=${() => this.release()}>
          Release <kbd>Shift+R</kbd>
        </button>
        ${this.confirmingDecline
          ? html`<span class="confirm">
              Decline? You will not get this object again.
              <button class="danger" data-testid="decline-confirm" ?disabled=${this.busy} @click=${() => this.decline()}>Decline</button>
              <button data-testid="decline-cancel" @click=${() => (this.confirmingDecline = false)}>Keep it</button>
            </span>`
          : html`<button class="danger" data-testid="decline" ?disabled=${this.busy || this.expired} title="Something is wrong with this object" @click=${() => (this.confirmingDecline = true)}>
              Decline
            </button>`}
      </div>
      ${this.submitError ? html`<p class="error" data-testid="submit-error">${this.submitError}</p>` : nothing}
      ${this.actionError ? html`<p class="error" data-testid="action-error">${this.actionError}</p>` : nothing}
      ${this.helpOpen ? this.renderHelp() : nothing}
    `;
  }

  private toolFor(type: TaskTypeName, task: Task): TemplateResult {
    switch (type) {
      case 'BoundingBox':
      case 'AdjustmentBoundingBox':
        return html`<verity-bbox-tool class="tool" .task=${task}></verity-bbox-tool>`;
      case 'SemanticSegmentation':
      case 'AdjustmentSemanticSegmentation':
        return html`<verity-seg-tool class="tool" .task=${task}></verity-seg-tool>`;
      case 'NamedEntityRecognition':
        return html`<verity-ner-tool class="tool" .task=${task}></verity-ner-tool>`;
      case 'Custom':
        return html`<verity-custom-tool class="tool" .task=${task}></verity-custom-tool>`;
      default:
        return html`<verity-classify-tool class="tool" .task=${task}></verity-classify-tool>`;
    }
  }

  private renderInstructions(task: Task) {
    const short = task.instructions?.shortInstruction;
    const full = task.instructions?.fullInstruction;
    return html`<div class="instructions">
      <div data-testid="short-instructions">${short ? sanitizeHtml(short) : task.description ?? ''}</div>
      ${full
        ? html`<details data-testid="full-instructions">
            <summary>Full instructions</summary>
            <div>${sanitizeHtml(full)}</div>
          </details>`
        : nothing}
    </div>`;
  }

  private renderHelp() {
    const rows: Array<[string, string]> = [
      ['1 – 9', 'pick label 1 to 9'],
      ['Enter', 'submit'],
      ['Escape', 'cancel the current drawing or selection'],
      ['Shift+R', 'release the task'],
      ['?', 'show or hide this help'],
      ...(this.tool?.shortcuts() ?? []),
    ];
    return html`<div class="overlay" @click=${(e: Event) => e.target === e.currentTarget && (this.helpOpen = false)}>
      <div class="card" data-testid="shortcut-help" role="dialog" aria-label="Keyboard shortcuts">
        <h3>Keyboard shortcuts</h3>
        <table>
          ${rows.map(([key, what]) => html`<tr><td><kbd>${key}</kbd></td><td>${what}</td></tr>`)}
        </table>
        <p><button @click=${() => (this.helpOpen = false)}>Close</button></p>
      </div>
    </div>`;
  }
}

function reason(e: unknown): string {
  if (e instanceof ApiError) {
    return e.status ? `${e.message} (HTTP ${e.status})` : e.message;
  }
  return (e as Error)?.message ?? String(e);
}

if (!customElements.get('verity-labeling-session')) {
  customElements.define('verity-labeling-session', LabelingSession);
}
