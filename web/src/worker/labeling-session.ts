import { css, html, nothing, type PropertyDeclarations } from 'lit';
import { Api, errorReason } from '../core/api';
import { href, navigate } from '../core/router';
import { baseStyles } from '../core/styles';
import { TaskPage, errorLine, taskPageStyles, typeOrError } from './task-page';
import { withUsableTemplate } from './templates';
import { formatTimeLeft, millisLeft } from './time';
import type { WorkerTask } from './types';

/** The portal's own phases, besides loading, load-error and task (TaskPage). */
type Phase = 'none' | 'released';

/**
 * One worker's labeling session on a job: takes the next task, shows its tool, instructions and time left, and
 * submits, releases or declines it; after a submit or decline it takes the next. A failed submit keeps the tool (and
 * so everything the worker did) and can be retried. Keys: 1–9 labels, Enter submits, Escape cancels, Shift+R
 * releases, ? shows the keys.
 */
export class LabelingSession extends TaskPage<WorkerTask, Phase> {
  static properties: PropertyDeclarations = {
    api: { attribute: false },
    job: { type: String },
    actionError: { state: true },
    busy: { state: true },
    confirmingDecline: { state: true },
    helpOpen: { state: true },
    submitted: { state: true },
    now: { state: true },
  };

  declare api: Api;
  declare job: string;
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

  static styles = [
    baseStyles,
    taskPageStyles,
    css`
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
      /* Submit stays in reach below a tall image. */
      .actions {
        position: sticky;
        bottom: 0;
        flex-wrap: wrap;
        background: #f5f7fa;
        z-index: 2;
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
    `,
  ];

  constructor() {
    super();
    this.job = '';
    this.actionError = null;
    this.busy = false;
    this.confirmingDecline = false;
    this.helpOpen = false;
    this.submitted = 0;
    this.now = Date.now();
  }

  connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => (this.now = this.clock()), 1000);
  }

  disconnectedCallback(): void {
    clearInterval(this.timer);
    super.disconnectedCallback();
  }

  willUpdate(changed: Map<string, unknown>): void {
    if ((changed.has('job') || changed.has('api')) && this.api && this.job && this.loadedJob !== this.job) {
      this.loadedJob = this.job;
      void this.loadNext();
    }
  }

  private get expired(): boolean {
    return this.phase === 'task' && millisLeft(this.task?.deadline, this.now) === 0;
  }

  protected pageBlocker(): string | null {
    return this.expired ? 'the time is up' : null;
  }

  async loadNext(): Promise<void> {
    this.phase = 'loading';
    this.loadError = null;
    this.submitError = null;
    this.actionError = null;
    this.confirmingDecline = false;
    try {
      const next = await this.api.post<WorkerTask | null>(`/worker/jobs/${encodeURIComponent(this.job)}/tasks/next`);
      const task = next && (await withUsableTemplate(next));
      this.now = this.clock();
      this.task = task;
      this.phase = task ? 'task' : 'none';
    } catch (e) {
      this.task = null;
      this.loadError = errorReason(e);
      this.phase = 'load-error';
    }
  }

  protected async sendAnswer(task: WorkerTask, answerContent: Record<string, unknown>): Promise<void> {
    await this.api.post(`/worker/assignments/${encodeURIComponent(task.assignmentId)}`, { answerContent });
  }

  /** The answer is in: count it and take the next task. */
  protected async afterSubmit(): Promise<void> {
    this.submitted++;
    await this.loadNext();
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
      this.actionError = `Not released: ${errorReason(e)}`;
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
      this.actionError = `Not declined: ${errorReason(e)}`;
    } finally {
      this.busy = false;
      this.confirmingDecline = false;
    }
    if (declined) {
      await this.loadNext();
    }
  }

  /** ? toggles the help; Escape closes the help or the decline prompt before it reaches the tool. */
  protected takePageKey(event: KeyboardEvent): boolean {
    if (event.key === '?') {
      this.helpOpen = !this.helpOpen;
      event.preventDefault();
      return true;
    }
    if (event.key === 'Escape' && (this.helpOpen || this.confirmingDecline)) {
      this.helpOpen = false;
      this.confirmingDecline = false;
      event.preventDefault();
      return true;
    }
    return false;
  }

  protected takeTaskKey(event: KeyboardEvent, plain: boolean): boolean {
    if (plain && event.shiftKey && (event.key === 'R' || event.key === 'r')) {
      void this.release();
      return true;
    }
    return false;
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

  private renderTask(task: WorkerTask) {
    const typed = typeOrError(task);
    const left = millisLeft(task.deadline, this.now);
    const blocker = this.submitBlocker();
    return html`
      <header>
        ${this.renderTitle(task, typed)}
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
      ${this.renderTool(task, typed, 'Release or decline it.')}
      <div class="actions">
        ${this.renderSubmit(blocker, html`<kbd>Enter</kbd>`, !this.expired)}
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
      ${errorLine(this.submitError, 'submit-error')}
      ${errorLine(this.actionError, 'action-error')}
      ${this.helpOpen ? this.renderHelp() : nothing}
    `;
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

if (!customElements.get('verity-labeling-session')) {
  customElements.define('verity-labeling-session', LabelingSession);
}
