import { LitElement, css, html, nothing, type PropertyDeclarations } from 'lit';
import { baseStyles } from '../core/styles';
import type { Built } from './answers';
import type { Task } from './types';

/**
 * What the labeling session asks of a task's tool. The session owns the keys and the buttons; the tool owns the
 * worker's answer, which stays in it until the next task replaces the element (so a failed submit loses nothing).
 */
export abstract class ToolElement extends LitElement {
  static properties: PropertyDeclarations = { task: { attribute: false } };
  declare task: Task;

  /** Why the answer cannot be submitted yet, or null when it can. */
  abstract hint(): string | null;

  /** The answerContent to submit; only called when hint() is null. */
  abstract answerContent(): Promise<Record<string, unknown>>;

  /** Number key n: label n - 1 (choose a class, the label of the next/selected box, paint label, entity label). */
  abstract pickLabel(index: number): void;

  /** Escape: cancels a drawing or a selection; true if there was one. */
  cancel(): boolean {
    return false;
  }

  /** Enter: true if the tool used it (closing a polygon) and the session must not submit. */
  takeEnter(): boolean {
    return false;
  }

  /** Any other key (Delete, Ctrl+Z, +/-); true if the tool used it. */
  handleKey(_event: KeyboardEvent): boolean {
    return false;
  }

  /** Extra lines for the shortcut help. */
  shortcuts(): Array<[string, string]> {
    return [];
  }

  /** The session reads hint() from the rendered tool: tell it the tool is there. */
  protected firstUpdated(): void {
    this.dispatchEvent(new CustomEvent('tool-change', { bubbles: true, composed: true }));
  }

  /** Tells the session the answer changed, so Submit and its hint follow. */
  protected changed(): void {
    this.requestUpdate();
    this.dispatchEvent(new CustomEvent('tool-change', { bubbles: true, composed: true }));
  }
}

/** A tool whose answer is built synchronously from its state: the hint and the answerContent both come from build(). */
export abstract class BuiltAnswerTool extends ToolElement {
  /** The answer as it stands: its content, or why it cannot be submitted yet. */
  protected abstract build(): Built;

  hint(): string | null {
    const built = this.build();
    return built.ok ? null : built.hint;
  }

  async answerContent(): Promise<Record<string, unknown>> {
    const built = this.build();
    if (!built.ok) {
      throw new Error(built.hint);
    }
    return built.content;
  }
}

export const toolStyles = [
  baseStyles,
  css`
    :host {
      display: block;
    }
    .labels {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      margin: 8px 0;
    }
    .labels button {
      display: inline-flex;
      align-items: center;
      gap: 6px;
    }
    .labels button[aria-pressed='true'] {
      background: #e6edfc;
      border-color: #2456d6;
      box-shadow: inset 0 0 0 1px #2456d6;
      font-weight: 600;
    }
    .swatch {
      width: 12px;
      height: 12px;
      border-radius: 3px;
      display: inline-block;
      flex: none;
    }
    kbd {
      font: 11px ui-monospace, monospace;
      border: 1px solid #c9d0da;
      border-radius: 3px;
      padding: 0 4px;
      color: #5f6b7a;
      background: #f5f7fa;
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      margin: 6px 0;
    }
    .toolbar button[aria-pressed='true'] {
      background: #e6edfc;
      border-color: #2456d6;
    }
    .viewport {
      position: relative;
      overflow: hidden;
      background: #2b303b;
      border-radius: 6px;
      /* The task frame sizes itself to its content, so there the height must not follow the viewport. */
      height: var(--verity-viewport-height, min(70vh, 720px));
      user-select: none;
      touch-action: none;
    }
    .stage {
      position: absolute;
      left: 0;
      top: 0;
      transform-origin: 0 0;
    }
    .stage img,
    .stage canvas,
    .stage svg {
      position: absolute;
      left: 0;
      top: 0;
      width: 100%;
      height: 100%;
      display: block;
    }
    .stage img {
      image-rendering: auto;
    }
  `,
];

/** The label buttons: `label-<i>` testids, the chosen ones aria-pressed, keys 1–9 shown. */
export function labelBar(labels: readonly string[], pressed: (i: number) => boolean, pick: (i: number) => void, colour?: (i: number) => string) {
  return html`<div class="labels" role="group" aria-label="Labels">
    ${labels.map(
      (label, i) => html`<button
        type="button"
        data-testid="label-${i}"
        aria-pressed=${pressed(i) ? 'true' : 'false'}
        @click=${() => pick(i)}
      >
        ${colour ? html`<span class="swatch" style="background:${colour(i)}"></span>` : nothing}
        <span>${label}</span>
        ${i < 9 ? html`<kbd>${i + 1}</kbd>` : nothing}
      </button>`,
    )}
  </div>`;
}
