import { css, html, nothing } from 'lit';
import { ToolElement, toolStyles } from './tool';
import { customAnswer } from './answers';
import type { TaskUi } from './types';
import { renderTaskTemplate } from './templates';

/** What the server adds to a custom task's ui config: the template to fetch and presigned URLs for its S3 objects. */
type Mode =
  | { kind: 'loading' }
  /** The rendered template, shown in the task frame once it says it is ready. */
  | { kind: 'frame'; html: string; ready: boolean }
  /** The task input as JSON and a JSON answer box; `reason` says why the template is not shown, if there is one. */
  | { kind: 'fallback'; reason: string | null };

interface PendingAnswer {
  resolve: (answer: Record<string, unknown>) => void;
  reject: (error: Error) => void;
}

/** How long the frame has to answer a submit: it answers at once unless the template's scripts broke it. */
const ANSWER_TIMEOUT_MS = 15_000;

/** Portal shortcuts the frame hands back when pressed inside it (see task-page and labeling-session). */
const FORWARDED_KEYS = new Set(['Enter', 'Escape', '?', 'R', 'r']);

/**
 * Custom tasks: the requester's Ground Truth worker template (Liquid + Crowd HTML Elements), rendered here with
 * liquid.ts and shown in a sandboxed iframe (task-frame.html, opaque origin: the template's scripts cannot reach the
 * worker's token), which collects the crowd-form's answer. The frame is trusted with nothing: only its messages are
 * read, and only from its own window. Without a template, or when it cannot be loaded or rendered, the worker sees
 * the task input as JSON and types the answer as a JSON object.
 */
export class CustomTool extends ToolElement {
  static properties = { text: { state: true }, mode: { state: true }, frameHeight: { state: true } };
  declare text: string;
  declare mode: Mode;
  declare frameHeight: number;
  private pending: PendingAnswer | null = null;
  private loadedTask: unknown = null;
  private readonly onMessage = (event: MessageEvent) => this.receive(event);

  static styles = [
    toolStyles,
    css`
      pre {
        background: #fff;
        border: 1px solid #e3e7ee;
        border-radius: 8px;
        padding: 12px;
        max-height: 40vh;
        overflow: auto;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      textarea {
        width: 100%;
        box-sizing: border-box;
        font-family: ui-monospace, monospace;
      }
      img {
        max-width: 100%;
        max-height: 50vh;
      }
      iframe {
        display: block;
        width: 100%;
        border: 1px solid #e3e7ee;
        border-radius: 8px;
        background: #f5f7fa;
      }
    `,
  ];

  constructor() {
    super();
    this.text = '{\n  \n}';
    this.mode = { kind: 'loading' };
    this.frameHeight = 240;
  }

  connectedCallback(): void {
    super.connectedCallback();
    addEventListener('message', this.onMessage);
  }

  disconnectedCallback(): void {
    removeEventListener('message', this.onMessage);
    this.settle(null, new Error('the task was closed'));
    super.disconnectedCallback();
  }

  willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('task') && this.task && this.loadedTask !== this.task) {
      this.loadedTask = this.task;
      void this.load();
    }
  }

  private get ui(): TaskUi {
    return this.task?.ui ?? {};
  }

  /** The task frame, once rendered. */
  get frame(): HTMLIFrameElement | null {
    return this.renderRoot?.querySelector<HTMLIFrameElement>('iframe[data-testid="custom-frame"]') ?? null;
  }

  private async load(): Promise<void> {
    const task = this.task;
    if (!this.ui.templateUrl) {
      this.show({ kind: 'fallback', reason: null });
      return;
    }
    this.show({ kind: 'loading' });
    let rendered: string;
    try {
      rendered = await renderTaskTemplate(task);
    } catch (e) {
      if (this.task === task) {
        this.show({ kind: 'fallback', reason: (e as Error)?.message ?? String(e) });
      }
      return;
    }
    if (this.task === task) {
      this.show({ kind: 'frame', html: rendered, ready: false });
    }
  }

  private show(mode: Mode): void {
    this.mode = mode;
    this.changed();
  }

  private receive(event: MessageEvent): void {
    const source = this.frame?.contentWindow;
    // Only the frame's own window: anything else may be another page or a frame inside the template.
    if (!source || event.source !== source || this.mode.kind !== 'frame') {
      return;
    }
    const data = event.data as Record<string, unknown> | null;
    if (!data || typeof data !== 'object') {
      return;
    }
    switch (data.type) {
      case 'verity:ready':
        source.postMessage({ type: 'verity:render', html: this.mode.html }, '*'); // its origin is opaque: '*' is the only target
        this.mode = { ...this.mode, ready: true };
        this.changed();
        break;
      case 'verity:height':
        if (typeof data.height === 'number' && Number.isFinite(data.height)) {
          this.frameHeight = Math.min(Math.max(Math.ceil(data.height), 120), 20_000);
        }
        break;
      case 'verity:answer': {
        const answer = data.answerContent;
        if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) {
          this.settle(null, new Error('the task answered with something other than a JSON object'));
        } else if (data.fromFrame === true) {
          // The worker pressed a submit button inside the task: the session submits as for its own Submit.
          this.dispatchEvent(new CustomEvent('tool-submit', { bubbles: true, composed: true }));
        } else {
          this.settle(answer as Record<string, unknown>, null);
        }
        break;
      }
      case 'verity:invalid':
        this.settle(null, new Error(typeof data.message === 'string' && data.message ? data.message : 'the task refused the answer'));
        break;
      case 'verity:key':
        if (typeof data.key === 'string' && FORWARDED_KEYS.has(data.key)) {
          // As if pressed in the portal, where the session listens.
          dispatchEvent(new KeyboardEvent('keydown', { key: data.key, shiftKey: data.shiftKey === true, bubbles: true, cancelable: true }));
        }
        break;
    }
  }

  private settle(answer: Record<string, unknown> | null, error: Error | null): void {
    const pending = this.pending;
    this.pending = null;
    if (!pending) return;
    if (error) pending.reject(error);
    else pending.resolve(answer!);
  }

  hint(): string | null {
    switch (this.mode.kind) {
      case 'loading':
        return 'the task is loading';
      case 'frame':
        // The frame checks required fields itself when asked for the answer.
        return this.mode.ready ? null : 'the task is loading';
      case 'fallback': {
        const built = customAnswer(this.text);
        return built.ok ? null : built.hint;
      }
    }
  }

  /** The fallback's JSON, or the frame's crowd-form answer (rejected with the frame's reason when it is invalid). */
  answerContent(): Promise<Record<string, unknown>> {
    if (this.mode.kind === 'fallback') {
      const built = customAnswer(this.text);
      return built.ok ? Promise.resolve(built.content) : Promise.reject(new Error(built.hint));
    }
    const target = this.frame?.contentWindow;
    if (this.mode.kind !== 'frame' || !this.mode.ready || !target) {
      return Promise.reject(new Error('the task is still loading'));
    }
    this.settle(null, new Error('a newer submit replaced this one'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.settle(null, new Error('the task did not answer; reload the page and try again')), ANSWER_TIMEOUT_MS);
      this.pending = {
        resolve: (answer) => {
          clearTimeout(timer);
          resolve(answer);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      target.postMessage({ type: 'verity:submit' }, '*');
    });
  }

  pickLabel(index: number): void {
    if (this.mode.kind === 'frame' && this.mode.ready) {
      this.frame?.contentWindow?.postMessage({ type: 'verity:pick', index }, '*');
    }
    // The JSON fallback has no label list the portal knows of.
  }

  render() {
    switch (this.mode.kind) {
      case 'loading':
        return html`<p class="muted" data-testid="custom-loading">Loading the task…</p>`;
      case 'frame':
        return html`<iframe
          data-testid="custom-frame"
          title="Task"
          sandbox="allow-scripts allow-forms"
          src="./task-frame.html"
          style="height: ${this.frameHeight}px"
        ></iframe>`;
      case 'fallback':
        return this.renderFallback(this.mode.reason);
    }
  }

  private renderFallback(reason: string | null) {
    const input = this.task.taskInput;
    const object = typeof input?.taskObject === 'string' ? input.taskObject : null;
    const template = this.ui.template ?? this.ui.humanTaskUiArn;
    return html`
      ${reason
        ? html`<p class="error" data-testid="custom-error">This template cannot be shown: ${reason}</p>
            <p class="muted">Read the task input below and type the answer as a JSON object, keyed as the template's form would submit it.</p>`
        : html`<p class="muted">
            This job uses a custom worker template${template ? html` (<code>${template}</code>)` : nothing}, which the portal does not render.
            Read the task input below and type the answer as a JSON object, keyed as the template's form would submit it.
          </p>`}
      ${object && /^https?:\/\//.test(object) ? html`<img src=${object} alt="The task object" />` : nothing}
      <h4>Task input</h4>
      <pre data-testid="custom-input">${JSON.stringify(input ?? null, null, 2)}</pre>
      <h4>Answer</h4>
      <textarea
        data-testid="custom-answer"
        rows="8"
        spellcheck="false"
        .value=${this.text}
        @input=${(e: Event) => {
          this.text = (e.target as HTMLTextAreaElement).value;
          this.changed();
        }}
      ></textarea>
    `;
  }
}

if (!customElements.get('verity-custom-tool')) {
  customElements.define('verity-custom-tool', CustomTool);
}
