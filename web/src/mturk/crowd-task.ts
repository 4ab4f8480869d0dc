import { css, html, nothing } from 'lit';
import { Api, errorReason } from '../core/api';
import type { components } from '../core/api-types';
import { loadConfig } from '../core/config';
import { baseStyles } from '../core/styles';
import { TaskPage, errorLine, taskPageStyles, typeOrError } from '../worker/task-page';
import { withUsableTemplate } from '../worker/templates';
import { crowdPath, parseVisit, postToMechanicalTurk, type CrowdVisit } from './visit';

/** The crowd API's task: the worker portal's task, with what Mechanical Turk's frame needs. */
export type CrowdTask = components['schemas']['CrowdTask'];

/** The crowd page's own phases, besides loading, load-error and task (TaskPage): after the answer is recorded. */
type Phase = 'sending' | 'answered';

/**
 * The public crowd's task page, in Mechanical Turk's frame: no sign-in; the HIT, assignment and worker ids come from
 * the frame's URL and the crowd API checks them. Shows the object's task with the portal's tools; Submit records the
 * answer in Verity, then posts it to Mechanical Turk (the worker's submission of the HIT). A preview (the HIT not
 * accepted yet) shows the task without Submit. Keys: 1–9 labels, Enter submits, Escape cancels.
 */
export class CrowdTaskPage extends TaskPage<CrowdTask, Phase> {
  // Both are read before a task is shown, so a task's submit has them.
  private api: Api | null = null;
  private visit: CrowdVisit | null = null;

  static styles = [
    baseStyles,
    taskPageStyles,
    css`
      /* Alone in Mechanical Turk's frame, not inside the portal's layout. */
      :host {
        padding: 16px 20px;
        max-width: 1200px;
        margin: 0 auto;
      }
      .banner {
        background: #fff8e6;
        border: 1px solid #f0d48a;
        border-radius: 6px;
        padding: 8px 12px;
        margin: 8px 0;
      }
    `,
  ];

  connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  protected pageBlocker(task: CrowdTask): string | null {
    return task.preview ? 'accept the HIT to work on it' : null;
  }

  private async load(): Promise<void> {
    try {
      this.visit = parseVisit(location.search);
      const config = await loadConfig();
      // No token: the crowd API is open, and checks the HIT, the assignment and the worker itself.
      this.api = new Api(config.apiUrl, () => null);
      this.task = await withUsableTemplate(
        await this.api.get<CrowdTask>(crowdPath(this.visit, 'task'), {
          hitId: this.visit.hitId,
          assignmentId: this.visit.assignmentId,
          workerId: this.visit.workerId,
          turkSubmitTo: this.visit.turkSubmitTo,
        }),
      );
      this.phase = this.task.answered ? 'answered' : 'task';
    } catch (e) {
      this.loadError = errorReason(e);
      this.phase = 'load-error';
    }
  }

  /** Records the answer in Verity, then posts it to Mechanical Turk, which takes the frame to its next page. */
  protected async sendAnswer(_task: CrowdTask, answerContent: Record<string, unknown>): Promise<void> {
    const visit = this.visit!;
    const recorded = await this.api!.post<{ submitUrl: string }>(crowdPath(visit, 'answers'), {
      hitId: visit.hitId,
      assignmentId: visit.assignmentId,
      workerId: visit.workerId,
      answerContent,
    });
    this.phase = 'sending';
    postToMechanicalTurk(document, recorded.submitUrl, visit.assignmentId, JSON.stringify(answerContent));
  }

  /** The answer is in Verity already (a reload after submitting): finish the HIT on Mechanical Turk. */
  private finish(): void {
    if (this.task && this.visit) {
      this.phase = 'sending';
      postToMechanicalTurk(document, this.task.submitUrl, this.visit.assignmentId, '{"recordedInVerity":true}');
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
    const typed = typeOrError(task);
    const blocker = this.submitBlocker();
    return html`
      <header>${this.renderTitle(task, typed)}</header>
      ${task.preview
        ? html`<p class="banner" data-testid="preview">This is a preview. Accept the HIT to work on it.</p>`
        : nothing}
      ${this.renderInstructions(task)}
      ${this.renderTool(task, typed, 'Return the HIT.')}
      <div class="actions">${this.renderSubmit(blocker)}</div>
      ${errorLine(this.submitError, 'submit-error')}
    `;
  }
}

if (!customElements.get('verity-crowd-task')) {
  customElements.define('verity-crowd-task', CrowdTaskPage);
}
