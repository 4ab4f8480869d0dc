import { css, html, nothing } from 'lit';
import { BuiltAnswerTool, labelBar, toolStyles } from './tool';
import { answerKey, taskLabels } from './types';
import { entityAnswer, type Built, type Entity } from './answers';
import { codePointLength } from '../core/code-points';
import { graphemes, type Grapheme } from './offsets';
import { labelColour } from './palette';

/** A pending selection in grapheme indices, [from, to). */
interface Selection {
  from: number;
  to: number;
}

/**
 * Named entities: drag over the text to select a span (selections snap to whole characters and drop surrounding
 * spaces), then pick a label to make it an entity; click an entity to relabel or remove it. Offsets are Unicode code
 * points, as the server counts them.
 */
export class EntityTool extends BuiltAnswerTool {
  static properties = {
    entities: { state: true },
    selection: { state: true },
    selectedEntity: { state: true },
    message: { state: true },
  };

  declare entities: Entity[];
  declare selection: Selection | null;
  declare selectedEntity: number;
  declare message: string | null;
  private chars: Grapheme[] = [];
  private text = '';
  private drag: { anchor: number; x: number; y: number; moved: boolean } | null = null;
  private readonly endDrag = () => this.finishDrag();

  static styles = [
    toolStyles,
    css`
      .text {
        background: #fff;
        border: 1px solid #e3e7ee;
        border-radius: 8px;
        padding: 6px 10px;
        font-size: 17px;
        line-height: 2.1;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        user-select: none;
        cursor: text;
        max-height: 60vh;
        overflow: auto;
      }
      .pending {
        background: #ffe58a;
      }
      mark {
        border-radius: 4px;
        padding: 2px 1px;
        cursor: pointer;
        color: inherit;
      }
      mark.selected {
        outline: 2px solid #1d2433;
      }
      .tag {
        font-size: 10px;
        font-weight: 700;
        text-transform: uppercase;
        margin-left: 3px;
        vertical-align: super;
        line-height: 1;
      }
      mark button {
        padding: 0 4px;
        font-size: 11px;
        line-height: 1.2;
        margin-left: 2px;
        vertical-align: super;
      }
    `,
  ];

  constructor() {
    super();
    this.entities = [];
    this.selection = null;
    this.selectedEntity = -1;
    this.message = null;
  }

  willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('task') && this.task) {
      this.text = String(this.task.taskInput?.taskObject ?? '');
      this.chars = graphemes(this.text);
    }
  }

  disconnectedCallback(): void {
    removeEventListener('pointerup', this.endDrag);
    super.disconnectedCallback();
  }

  private get labels(): string[] {
    return taskLabels(this.task);
  }

  /** How the label bar (full) and the entity tags (short) name a label: Ground Truth's display names where the ui gives them. */
  private displayName(index: number, form: 'fullDisplayName' | 'shortDisplayName'): string {
    const given = this.task.ui?.labels?.[index];
    const named = typeof given === 'object' && given.label === this.labels[index] ? given[form] : undefined;
    return named || (this.labels[index] ?? '?');
  }

  protected build(): Built {
    return entityAnswer(answerKey(this.task, 'crowd-entity-annotation'), this.labels, this.entities, codePointLength(this.text));
  }

  /** Labels the pending selection, or relabels the selected entity. */
  pickLabel(index: number): void {
    if (index < 0 || index >= this.labels.length) {
      return;
    }
    if (this.selection) {
      const start = this.chars[this.selection.from].start;
      const end = this.chars[this.selection.to - 1].end;
      const clash = this.entities.findIndex((e) => e.start < end && start < e.end);
      if (clash >= 0) {
        this.message = `the selection overlaps entity ${clash + 1} (“${this.entityText(this.entities[clash])}”); entities must not share characters`;
        return;
      }
      this.entities = [...this.entities, { label: index, start, end }].sort((a, b) => a.start - b.start);
      this.selection = null;
      this.selectedEntity = -1;
      this.message = null;
      this.changed();
      return;
    }
    if (this.selectedEntity >= 0) {
      this.entities = this.entities.map((e, i) => (i === this.selectedEntity ? { ...e, label: index } : e));
      this.changed();
      return;
    }
    this.message = 'select some text first, then pick its label';
  }

  cancel(): boolean {
    if (this.selection || this.selectedEntity >= 0 || this.message) {
      this.selection = null;
      this.selectedEntity = -1;
      this.message = null;
      return true;
    }
    return false;
  }

  handleKey(event: KeyboardEvent): boolean {
    if ((event.key === 'Delete' || event.key === 'Backspace') && this.selectedEntity >= 0) {
      this.removeEntity(this.selectedEntity);
      return true;
    }
    return false;
  }

  shortcuts(): Array<[string, string]> {
    return [
      ['drag over text', 'select a span (then 1–9 or a label button)'],
      ['double-click', 'select a word'],
      ['click an entity', 'select it: 1–9 relabels, Delete removes'],
    ];
  }

  private removeEntity(index: number): void {
    this.entities = this.entities.filter((_, i) => i !== index);
    this.selectedEntity = -1;
    this.changed();
  }

  private entityText(entity: Entity): string {
    return this.chars.filter((c) => c.start >= entity.start && c.end <= entity.end).map((c) => c.text).join('');
  }

  /**
   * The grapheme index under an event; over the text's padding or between lines, the nearest character (same line
   * first), so a sloppy drag still selects; -1 outside the text.
   */
  private charAt(event: Event): number {
    const target = (event.target as Element | null)?.closest?.('[data-g]');
    if (target) {
      return Number(target.getAttribute('data-g'));
    }
    const pointer = event as PointerEvent;
    if (!(event.target as Element | null)?.closest?.('[data-testid="ner-text"]') || typeof pointer.clientX !== 'number') {
      return -1;
    }
    let best = -1;
    let bestScore = Infinity;
    for (const span of this.renderRoot.querySelectorAll<HTMLElement>('[data-g]')) {
      const r = span.getBoundingClientRect();
      const dy = pointer.clientY < r.top ? r.top - pointer.clientY : pointer.clientY > r.bottom ? pointer.clientY - r.bottom : 0;
      const dx = pointer.clientX < r.left ? r.left - pointer.clientX : pointer.clientX > r.right ? pointer.clientX - r.right : 0;
      const score = dy * 10_000 + dx;
      if (score < bestScore) {
        bestScore = score;
        best = Number(span.getAttribute('data-g'));
      }
    }
    return best;
  }

  private onPointerDown(event: PointerEvent): void {
    if (event.button !== 0) return;
    const mark = (event.target as Element).closest?.('mark');
    if (mark) {
      if (!(event.target as Element).closest('button')) {
        this.selectedEntity = Number(mark.getAttribute('data-n'));
        this.selection = null;
      }
      return;
    }
    const index = this.charAt(event);
    this.selectedEntity = -1;
    this.message = null;
    if (index < 0) {
      this.selection = null;
      return;
    }
    this.drag = { anchor: index, x: event.clientX, y: event.clientY, moved: false };
    this.selection = null;
    addEventListener('pointerup', this.endDrag, { once: true });
  }

  private onPointerMove(event: PointerEvent): void {
    const drag = this.drag;
    if (!drag) return;
    if (Math.hypot(event.clientX - drag.x, event.clientY - drag.y) >= 3) {
      drag.moved = true;
    }
    const index = this.charAt(event);
    if (drag.moved && index >= 0) {
      this.selection = this.trimmed(Math.min(drag.anchor, index), Math.max(drag.anchor, index) + 1);
    }
  }

  private finishDrag(): void {
    if (this.drag && !this.drag.moved) {
      this.selection = null; // a plain click
    }
    this.drag = null;
  }

  private onDoubleClick(event: MouseEvent): void {
    const index = this.charAt(event);
    if (index < 0) return;
    const isWord = (i: number) => i >= 0 && i < this.chars.length && /[\p{L}\p{N}\p{M}_'’-]/u.test(this.chars[i].text);
    if (!isWord(index)) return;
    let from = index;
    let to = index + 1;
    while (isWord(from - 1)) from--;
    while (isWord(to)) to++;
    this.selection = { from, to };
  }

  /** The selection without the spaces at its ends, or null if nothing else is left. */
  private trimmed(from: number, to: number): Selection | null {
    while (from < to && /^\s+$/u.test(this.chars[from].text)) from++;
    while (to > from && /^\s+$/u.test(this.chars[to - 1].text)) to--;
    return from < to ? { from, to } : null;
  }

  render() {
    const labels = this.labels;
    return html`
      ${labelBar(labels.map((_, i) => this.displayName(i, 'fullDisplayName')), (i) => this.selectedEntity >= 0 && this.entities[this.selectedEntity]?.label === i, (i) => this.pickLabel(i), labelColour)}
      <div class="text" data-testid="ner-text" @pointerdown=${this.onPointerDown} @pointermove=${this.onPointerMove} @dblclick=${this.onDoubleClick}>${this.renderText()}</div>
      ${this.message ? html`<p class="error" data-testid="ner-message">${this.message}</p>` : nothing}
      <p class="muted">
        ${this.selection
          ? html`Selected “${this.chars.slice(this.selection.from, this.selection.to).map((c) => c.text).join('')}”: pick its label.`
          : this.entities.length
            ? `${this.entities.length} entit${this.entities.length === 1 ? 'y' : 'ies'}. If a text has none, submit it as it is.`
            : 'Drag over the text to select an entity. If the text has none, submit it as it is.'}
      </p>
    `;
  }

  private renderText() {
    const out: unknown[] = [];
    const sel = this.selection;
    const char = (c: Grapheme, i: number) => html`<span data-g=${i} class=${sel && i >= sel.from && i < sel.to ? 'pending' : ''}>${c.text}</span>`;
    let i = 0;
    let n = 0;
    while (i < this.chars.length) {
      const entity = n < this.entities.length ? this.entities[n] : null;
      if (entity && this.chars[i].start >= entity.start) {
        const inside: unknown[] = [];
        while (i < this.chars.length && this.chars[i].end <= entity.end) {
          inside.push(char(this.chars[i], i));
          i++;
        }
        const colour = labelColour(entity.label);
        const index = n;
        out.push(html`<mark
          data-testid="entity-${index}"
          data-n=${index}
          class=${this.selectedEntity === index ? 'selected' : ''}
          style="background:${colour}33;box-shadow:inset 0 -2px 0 ${colour}"
          title=${this.displayName(entity.label, 'fullDisplayName')}
          >${inside}<span class="tag" style="color:${colour}">${this.displayName(entity.label, 'shortDisplayName')}</span
          ><button type="button" data-testid="remove-entity-${index}" title="Remove" @click=${() => this.removeEntity(index)}>×</button></mark
        >`);
        n++;
        continue;
      }
      out.push(char(this.chars[i], i));
      i++;
    }
    return out;
  }
}

if (!customElements.get('verity-ner-tool')) {
  customElements.define('verity-ner-tool', EntityTool);
}
