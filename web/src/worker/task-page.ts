import { LitElement, css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { errorReason } from '../core/api';
import { sanitizeHtml } from './sanitize';
import { toolFor } from './task-tools';
import type { ToolElement } from './tool';
import { taskTypeLabel, taskTypeOf, type Task, type TaskTypeName } from './types';
import { isTyping } from './zoom-pan';

/** The phases every task page has; each page adds its own (the portal's none and released, the crowd's sending and answered). */
export type TaskPhase = 'loading' | 'load-error' | 'task';

/** A task's type, or why this UI cannot show it. */
export type TypedTask = { type: TaskTypeName; error: null } | { type: null; error: string };

export function typeOrError(task: Task): TypedTask {
  try {
    return { type: taskTypeOf(task), error: null };
  } catch (e) {
    return { type: null, error: (e as Error).message };
  }
}

/** An error paragraph, or nothing without a message. */
export function errorLine(message: string | null, testId: string) {
  return message ? html`<p class="error" data-testid=${testId}>${message}</p>` : nothing;
}

/** The layout both task pages share; each adds its own around it. */
export const taskPageStyles = css`
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
  .type,
  .hint {
    color: #5f6b7a;
  }
  details summary {
    cursor: pointer;
    color: #2456d6;
  }
  .actions {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 10px 0;
    margin-top: 10px;
    border-top: 1px solid #e3e7ee;
  }
  .center {
    text-align: center;
    padding: 40px 20px;
  }
`;

/**
 * What the worker portal's labeling session and the public crowd's task page share: one task shown with its tool,
 * its keys (1–9 labels, Enter submits, Escape cancels), and Submit with its state. A failed submit keeps the tool (and
 * so the worker's answer) and can be retried. Each page says where its task comes from, where the answer goes
 * (sendAnswer, afterSubmit) and what else it offers (pageBlocker, takePageKey, takeTaskKey, its own render()).
 */
export abstract class TaskPage<T extends Task, P extends string> extends LitElement {
  static properties: PropertyDeclarations = {
    phase: { state: true },
    task: { state: true },
    loadError: { state: true },
    submitting: { state: true },
    submitError: { state: true },
  };

  declare phase: TaskPhase | P;
  declare task: T | null;
  declare loadError: string | null;
  declare submitting: boolean;
  declare submitError: string | null;
  private readonly onKeyDown = (e: KeyboardEvent) => this.handleKey(e);

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
    // On the window: the keys work wherever the focus is, outside text fields (isTyping).
    addEventListener('keydown', this.onKeyDown);
  }

  disconnectedCallback(): void {
    removeEventListener('keydown', this.onKeyDown);
    super.disconnectedCallback();
  }

  /** The task's tool element, once rendered. */
  get tool(): ToolElement | null {
    return this.renderRoot.querySelector<ToolElement>('[data-testid="task"] > .tool');
  }

  /** Why Submit is disabled, or null when it is enabled. */
  submitBlocker(): string | null {
    if (this.phase !== 'task' || !this.task) return 'no task';
    const own = this.pageBlocker(this.task);
    if (own) return own;
    if (this.submitting) return 'submitting…';
    const tool = this.tool;
    return tool ? tool.hint() : 'the task is loading';
  }

  /** Sends the tool's answer (sendAnswer); on success, afterSubmit. A failure is shown and nothing of the answer lost. */
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
      await this.sendAnswer(task, answerContent);
      sent = true;
    } catch (e) {
      this.submitError = `Not submitted: ${errorReason(e)}`;
    } finally {
      this.submitting = false;
    }
    if (sent) {
      await this.afterSubmit();
    }
  }

  /** Why this page will not take an answer for the task now, before the tool's own reasons; null when it will. */
  protected abstract pageBlocker(task: T): string | null;

  /** Records the answer; throws (with the reason to show) when it was not recorded. Runs while Submit is busy. */
  protected abstract sendAnswer(task: T, answerContent: Record<string, unknown>): Promise<void>;

  /** After the answer was recorded, once Submit is free again. */
  protected async afterSubmit(): Promise<void> {}

  /** A key the page takes before any task key, in any phase (the portal's help and decline prompt); true if taken. */
  protected takePageKey(_event: KeyboardEvent): boolean {
    return false;
  }

  /** A task key of the page's own, tried before the tool's (the portal's Shift+R); true if taken. */
  protected takeTaskKey(_event: KeyboardEvent, _plain: boolean): boolean {
    return false;
  }

  private handleKey(event: KeyboardEvent): void {
    if (event.defaultPrevented || isTyping(event) || this.takePageKey(event)) {
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
    } else if (!this.takeTaskKey(event, plain)) {
      used = tool.handleKey(event);
    }
    if (used) {
      event.preventDefault(); // e.g. Enter must not also press the focused button
      this.requestUpdate();
    }
  }

  /** The header's title and task type; the page adds what else its header holds. */
  protected renderTitle(task: T, typed: TypedTask) {
    return html`<h2 data-testid="task-title">${task.title || task.jobName}</h2>
      <span class="type">${taskTypeLabel(typed.type ?? task.taskType)}</span>`;
  }

  protected renderInstructions(task: T) {
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

  /** The task's tool, or why it cannot be shown and what the worker can do about it (`advice`). */
  protected renderTool(task: T, typed: TypedTask, advice: string) {
    // keyed: another task gets a new tool element, never the last task's answer.
    return typed.error !== null
      ? html`<p class="error" data-testid="task-error">${typed.error}. ${advice}</p>`
      : html`<div data-testid="task" data-task-type=${typed.type} @tool-change=${() => this.requestUpdate()} @tool-submit=${() => this.submit()}>
          ${keyed(task.assignmentId, toolFor(typed.type, task))}
        </div>`;
  }

  /**
   * Submit and, while it is disabled, why. `shortcut` is shown in the button (the portal's Enter); `hint` false
   * hides the reason where the page says it otherwise (the portal's time-up notice).
   */
  protected renderSubmit(blocker: string | null, shortcut: TemplateResult | typeof nothing = nothing, hint = true) {
    return html`<button class="primary" data-testid="submit" ?disabled=${blocker !== null} @click=${() => this.submit()}>
        ${this.submitting ? 'Submitting…' : 'Submit'} ${shortcut}
      </button>
      ${blocker && !this.submitting && hint ? html`<span class="hint" data-testid="submit-hint">${blocker}</span>` : nothing}`;
  }
}
