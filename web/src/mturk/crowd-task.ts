import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { Api, ApiError } from '../core/api';
import { loadConfig } from '../core/config';
import { baseStyles } from '../core/styles';
import { sanitizeHtml } from '../worker/sanitize';
import type { ToolElement } from '../worker/tool';
import { taskTypeLabel, taskTypeOf, type Task, type TaskTypeName } from '../worker/types';
import { isTyping } from '../worker/zoom-pan';
import { crowdPath, parseVisit, postToMechanicalTurk, type CrowdVisit } from './visit';
import '../worker/classify-tool';
import '../worker/bbox-tool';
import '../worker/seg-tool';
import '../worker/ner-tool';
import '../worker/custom-tool';

/** The crowd API's task: the worker portal's task, with what Mechanical Turk's frame needs. */
export interface CrowdTask extends Task {
  hitId: string;
  workerId?: string;
  preview: boolean;
  answered: boolean;
  /** Mechanical Turk's external-submit endpoint, where the answer goes once Verity has recorded it. */
  submitUrl: string;
}

type Phase = 'loading' | 'load-error' | 'task' | 'sending' | 'answered';

/**
 * The public crowd's task page, in Mechanical Turk's frame: no sign-in; the HIT, assignment and worker ids come from
 * the frame's URL and the crowd API checks them. Shows the object's task with the portal's tools; Submit records the
 * answer in Verity, then posts it to Mechanical Turk (the worker's submission of the HIT). A preview (the HIT not
 * accepted yet) shows the task without Submit. Keys: 1–9 labels, Enter submits, Escape cancels.
 */
export class CrowdTaskPage extends LitElement {
  static properties = {
    phase: { state: true },
    task: { state: true },
    loadError: { state: true },
    submitting: { state: true },
    submitError: { state: true },
  };

  declare phase: Phase;
  declare task: CrowdTask | null;
  declare loadError: string | null;
  declare submitting: boolean;
  declare submitError: string | null;
  private api: Api | null = null;
  private visit: CrowdVisit | null = null;
  private readonly onKeyDown = (e: KeyboardEvent) => this.handleKey(e);

  static styles = [
    baseStyles,
    css`
      :host {
        display: block;
        padding: 16px 20px;
        max-width: 1200px;
        margin: 0 auto;
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
      .type,
      .muted {
        color: #5f6b7a;
      }
      .banner {
        background: #fff8e6;
        border: 1px solid #f0d48a;
        border-radius: 6px;
        padding: 8px 12px;
        margin: 8px 0;
      }
      .actions {
        display: flex;
        align-items: center;
        gap: 10px;
        padding: 10px 0;
        border-top: 1px solid #e3e7ee;
        margin-top: 10px;
      }
      .center {
        text-align: center;
        padding: 40px 20px;
      }
      details summary {
        cursor: pointer;
        color: #2456d6;
      }
    `,
  ];

  constructor() {
    super();
    this.phase = 'loading';
    this.task = null;
    this.loadError = null;
    this.submitting = false;
    this.submitError = null;
  }

  connectedCallback(): void {
    super.connectedCallback();
    addEventListener('keydown', this.onKeyDown);
    void this.load();
  }

  disconnectedCallback(): void {
    removeEventListener('keydown', this.onKeyDown);
    super.disconnectedCallback();
  }

  get tool(): ToolElement | null {
    return this.renderRoot.querySelector<ToolElement>('[data-testid="task"] > .tool');
  }

  /** Why Submit is disabled, or null when it is enabled. */
  submitBlocker(): string | null {
    if (this.phase !== 'task' || !this.task) return 'no task';
    if (this.task.preview) return 'accept the HIT to work on it';
    if (this.submitting) return 'submitting…';
    const tool = this.tool;
    return tool ? tool.hint() : 'the task is loading';
  }

  private async load(): Promise<void> {
    try {
      this.visit = parseVisit(location.search);
      const config = await loadConfig();
      // No token: the crowd API is open, and checks the HIT, the assignment and the worker itself.
      this.api = new Api(config.apiUrl, () => null);
      this.task = await this.api.get<CrowdTask>(crowdPath(this.visit, 'task'), {
        hitId: this.visit.hitId,
        assignmentId: this.visit.assignmentId,
        workerId: this.visit.workerId,
        turkSubmitTo: this.visit.turkSubmitTo,
      });
      this.phase = this.task.answered ? 'answered' : 'task';
    } catch (e) {
      this.loadError = reason(e);
      this.phase = 'load-error';
    }
  }

  async submit(): Promise<void> {
    const task = this.task;
    const tool = this.tool;
    if (!task || !tool || !this.visit || this.submitBlocker() !== null) {
      return;
    }
    this.submitting = true;
    this.submitError = null;
    try {
      const answerContent = await tool.answerContent();
      const recorded = await this.api!.post<{ submitUrl: string }>(crowdPath(this.visit, 'answers'), {
        hitId: this.visit.hitId,
        assignmentId: this.visit.assignmentId,
        workerId: this.visit.workerId,
        answerContent,
      });
      this.phase = 'sending';
      postToMechanicalTurk(document, recorded.submitUrl, this.visit.assignmentId, JSON.stringify(answerContent));
    } catch (e) {
      this.submitError = `Not submitted: ${reason(e)}`;
    } finally {
      this.submitting = false;
    }
  }

  /** The answer is in Verity already (a reload after submitting): finish the HIT on Mechanical Turk. */
  private finish(): void {
    if (this.task && this.visit) {
      this.phase = 'sending';
      postToMechanicalTurk(document, this.task.submitUrl, this.visit.assignmentId, '{"recordedInVerity":true}');
    }
  }

  private handleKey(event: KeyboardEvent): void {
    const tool = this.tool;
    if (event.defaultPrevented || isTyping(event) || this.phase !== 'task' || !tool) {
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
    } else {
      used = tool.handleKey(event);
    }
    if (used) {
      event.preventDefault();
      this.requestUpdate();
    }
  }

  render() {
    switch (this.phase) {
      case 'loading':
        return html`<p class="muted" data-testid="loading">Loading the task…</p>`;
      case 'load-error':
        return html`<div class="center"><p class="error" data-testid="load-error">${this.loadError}</p></div>`;
      case 'sending':
        return html`<div class="center card" data-testid="sending">
          <h3>Answer recorded</h3>
          <p class="muted">Sending it to Mechanical Turk…</p>
        </div>`;
      case 'answered':
        return html`<div class="center card" data-testid="answered">
          <h3>Your answer is recorded</h3>
          <p class="muted">Finish the HIT on Mechanical Turk to be paid for it.</p>
          <p><button class="primary" data-testid="finish" @click=${() => this.finish()}>Finish the HIT</button></p>
        </div>`;
      case 'task':
        return this.renderTask(this.task!);
    }
  }

  private renderTask(task: CrowdTask) {
    let type: TaskTypeName | null = null;
    let typeError: string | null = null;
    try {
      type = taskTypeOf(task);
    } catch (e) {
      typeError = (e as Error).message;
    }
    const blocker = this.submitBlocker();
    return html`
      <header>
        <h2 data-testid="task-title">${task.title || task.jobName}</h2>
        <span class="type">${taskTypeLabel(type ?? task.taskType)}</span>
      </header>
      ${task.preview
        ? html`<p class="banner" data-testid="preview">This is a preview. Accept the HIT to work on it.</p>`
        : nothing}
      <div class="instructions">
        <div data-testid="short-instructions">
          ${task.instructions?.shortInstruction ? sanitizeHtml(task.instructions.shortInstruction) : task.description ?? ''}
        </div>
        ${task.instructions?.fullInstruction
          ? html`<details><summary>Full instructions</summary><div>${sanitizeHtml(task.instructions.fullInstruction)}</div></details>`
          : nothing}
      </div>
      ${typeError
        ? html`<p class="error" data-testid="task-error">${typeError}. Return the HIT.</p>`
        : html`<div data-testid="task" data-task-type=${type!} @tool-change=${() => this.requestUpdate()} @tool-submit=${() => this.submit()}>
            ${this.toolFor(type!, task)}
          </div>`}
      <div class="actions">
        <button class="primary" data-testid="submit" ?disabled=${blocker !== null} @click=${() => this.submit()}>
          ${this.submitting ? 'Submitting…' : 'Submit'}
        </button>
        ${blocker && !this.submitting ? html`<span class="muted" data-testid="submit-hint">${blocker}</span>` : nothing}
      </div>
      ${this.submitError ? html`<p class="error" data-testid="submit-error">${this.submitError}</p>` : nothing}
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
}

function reason(e: unknown): string {
  if (e instanceof ApiError) {
    return e.status ? `${e.message} (HTTP ${e.status})` : e.message;
  }
  return (e as Error)?.message ?? String(e);
}

if (!customElements.get('verity-crowd-task')) {
  customElements.define('verity-crowd-task', CrowdTaskPage);
}
