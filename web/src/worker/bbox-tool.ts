import { css, html, nothing, svg } from 'lit';
import { BuiltAnswerTool, labelBar, toolStyles } from './tool';
import { answerKey, taskLabels, taskTypeOf } from './types';
import { boxAnswer, boxesFromInitialValue, type Built } from './answers';
import {
  HANDLES,
  clampRect,
  handlePoint,
  hitBox,
  hitHandle,
  moveRect,
  rectFromCorners,
  resizeRect,
  type Handle,
  type LabeledBox,
  type Point,
  type Rect,
} from './geometry';
import { labelColour } from './palette';
import { ZoomPan, isTyping } from './zoom-pan';

type Drag =
  | { kind: 'draw'; start: Point; moved: boolean }
  | { kind: 'move'; index: number; start: Point; original: LabeledBox; moved: boolean }
  | { kind: 'resize'; index: number; handle: Handle; original: LabeledBox };

/** Smallest box a drag creates, in image pixels; a shorter drag is a click. */
const MIN_SIDE = 2;

/**
 * Bounding boxes (BoundingBox, AdjustmentBoundingBox): draw with a drag, click to select, drag to move, handles to
 * resize, Delete to remove, number keys for labels, wheel/+/- to zoom, middle or Space drag to pan. Boxes are kept in
 * natural image pixels, whole and inside the image.
 */
export class BoundingBoxTool extends BuiltAnswerTool {
  static properties = {
    boxes: { state: true },
    current: { state: true },
    selected: { state: true },
    natural: { state: true },
    draft: { state: true },
    imageError: { state: true },
  };

  declare boxes: LabeledBox[];
  declare current: number;
  declare selected: number;
  declare natural: { width: number; height: number } | null;
  declare draft: Rect | null;
  declare imageError: string | null;
  /** The earlier boxes an adjustment task starts from (as given), or null when drawing from scratch. */
  private initial: LabeledBox[] | null = null;
  private skippedInitial = 0;
  private drag: Drag | null = null;
  private readonly zoom = new ZoomPan(() => this.requestUpdate());
  private readonly onKeyUp = (e: KeyboardEvent) => {
    if (e.key === ' ') this.zoom.spaceHeld = false;
  };
  private readonly onKeyDown = (e: KeyboardEvent) => {
    if (e.key === ' ' && !isTyping(e)) {
      this.zoom.spaceHeld = true;
      e.preventDefault(); // no page scroll, no button press
    }
  };

  static styles = [
    toolStyles,
    css`
      svg {
        cursor: crosshair;
      }
      .boxlist {
        list-style: none;
        padding: 0;
        margin: 8px 0 0;
        display: grid;
        gap: 4px;
        max-height: 220px;
        overflow: auto;
      }
      .boxlist li {
        display: flex;
        align-items: center;
        gap: 8px;
        padding: 3px 6px;
        border-radius: 4px;
        cursor: pointer;
      }
      .boxlist li.selected {
        background: #e6edfc;
      }
      .boxlist .coords {
        color: #5f6b7a;
        font: 12px ui-monospace, monospace;
      }
      .boxlist button {
        padding: 1px 8px;
        margin-left: auto;
      }
    `,
  ];

  constructor() {
    super();
    this.boxes = [];
    this.current = 0;
    this.selected = -1;
    this.natural = null;
    this.draft = null;
    this.imageError = null;
  }

  connectedCallback(): void {
    super.connectedCallback();
    addEventListener('keydown', this.onKeyDown);
    addEventListener('keyup', this.onKeyUp);
  }

  disconnectedCallback(): void {
    removeEventListener('keydown', this.onKeyDown);
    removeEventListener('keyup', this.onKeyUp);
    super.disconnectedCallback();
  }

  willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('task') && this.task && taskTypeOf(this.task) === 'AdjustmentBoundingBox') {
      const { boxes, skipped } = boxesFromInitialValue(this.task.taskInput?.initialValue, this.labels);
      this.initial = boxes;
      this.skippedInitial = skipped;
      this.boxes = boxes.map((b) => ({ ...b }));
    }
  }

  private get labels(): string[] {
    return taskLabels(this.task);
  }

  protected build(): Built {
    return boxAnswer({
      key: answerKey(this.task, 'boundingBox'),
      labels: this.labels,
      boxes: this.boxes,
      imageWidth: this.natural?.width ?? 0,
      imageHeight: this.natural?.height ?? 0,
      initial: this.initial,
    });
  }

  hint(): string | null {
    return this.imageError ?? super.hint();
  }

  pickLabel(index: number): void {
    if (index < 0 || index >= this.labels.length) {
      return;
    }
    this.current = index;
    if (this.selected >= 0) {
      this.boxes = this.boxes.map((b, i) => (i === this.selected ? { ...b, label: index } : b));
    }
    this.changed();
  }

  cancel(): boolean {
    if (this.drag) {
      const drag = this.drag;
      if (drag.kind !== 'draw') {
        this.boxes = this.boxes.map((b, i) => (i === drag.index ? drag.original : b));
      }
      this.drag = null;
      this.draft = null;
      this.changed();
      return true;
    }
    if (this.selected >= 0) {
      this.selected = -1;
      return true;
    }
    return false;
  }

  handleKey(event: KeyboardEvent): boolean {
    if ((event.key === 'Delete' || event.key === 'Backspace') && this.selected >= 0) {
      this.deleteBox(this.selected);
      return true;
    }
    const arrows: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    if (arrows[event.key] && this.selected >= 0 && this.natural) {
      const [dx, dy] = arrows[event.key].map((d) => d * (event.shiftKey ? 10 : 1));
      const { width, height } = this.natural;
      this.boxes = this.boxes.map((b, i) => (i === this.selected ? { ...moveRect(b, dx, dy, width, height), label: b.label } : b));
      this.changed();
      return true;
    }
    return this.natural ? this.zoom.key(event, this.viewport, this.natural.width, this.natural.height) : false;
  }

  shortcuts(): Array<[string, string]> {
    return [
      ['drag', 'draw a box with the current label'],
      ['click / drag a box', 'select / move it; drag its handles to resize'],
      ['Delete, Backspace', 'delete the selected box'],
      ['arrows (Shift: ×10)', 'nudge the selected box'],
      ['wheel, + / -, 0', 'zoom in / out, fit'],
      ['Space + drag, middle drag', 'pan'],
    ];
  }

  private deleteBox(index: number): void {
    this.boxes = this.boxes.filter((_, i) => i !== index);
    this.selected = -1;
    this.changed();
  }

  private get viewport(): HTMLElement | null {
    return this.renderRoot.querySelector('.viewport');
  }

  /** The image point under a pointer event, from the drawn SVG's on-screen rectangle (zoom and pan included). */
  private imagePoint(event: PointerEvent | MouseEvent): Point {
    const surface = this.renderRoot.querySelector('svg');
    const n = this.natural!;
    const r = surface?.getBoundingClientRect();
    if (!r || r.width === 0 || r.height === 0) {
      return { x: event.offsetX, y: event.offsetY };
    }
    return { x: ((event.clientX - r.left) / r.width) * n.width, y: ((event.clientY - r.top) / r.height) * n.height };
  }

  private onImageLoad(event: Event): void {
    const img = event.target as HTMLImageElement;
    const natural = { width: img.naturalWidth, height: img.naturalHeight };
    if (!natural.width || !natural.height) {
      this.imageError = 'the image has no size; it may be broken';
      return;
    }
    // Fit first, so the drawing surface appears where it stays (browser tests measure it as soon as it exists).
    this.zoom.fit(this.viewport, natural.width, natural.height);
    this.natural = natural;
    // Earlier boxes reaching outside the image would be refused: pull them in (which counts as a change).
    this.boxes = this.boxes.map((b) => ({ ...clampRect(b, natural.width, natural.height), label: b.label }));
    this.changed();
  }

  private onPointerDown(event: PointerEvent): void {
    if (!this.natural) {
      return;
    }
    (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
    if (this.zoom.startPan(event)) {
      return;
    }
    if (event.button !== 0) {
      return;
    }
    const p = this.imagePoint(event);
    const tolerance = 6 / this.zoom.view.scale;
    if (this.selected >= 0) {
      const handle = hitHandle(this.boxes[this.selected], p, tolerance);
      if (handle) {
        this.drag = { kind: 'resize', index: this.selected, handle, original: this.boxes[this.selected] };
        return;
      }
    }
    const hit = hitBox(this.boxes, p);
    if (hit >= 0) {
      this.selected = hit;
      this.current = this.boxes[hit].label;
      this.drag = { kind: 'move', index: hit, start: p, original: this.boxes[hit], moved: false };
      return;
    }
    this.drag = { kind: 'draw', start: p, moved: false };
  }

  private onPointerMove(event: PointerEvent): void {
    if (this.zoom.panning) {
      this.zoom.movePan(event);
      return;
    }
    const drag = this.drag;
    if (!drag || !this.natural) {
      return;
    }
    const p = this.imagePoint(event);
    const { width, height } = this.natural;
    if (drag.kind === 'draw') {
      this.draft = rectFromCorners(drag.start, p, width, height);
      drag.moved = true;
    } else if (drag.kind === 'move') {
      const moved = moveRect(drag.original, p.x - drag.start.x, p.y - drag.start.y, width, height);
      drag.moved = true;
      this.replace(drag.index, { ...moved, label: drag.original.label });
    } else {
      const resized = resizeRect(drag.original, drag.handle, p, width, height);
      if (resized.width >= 1 && resized.height >= 1) {
        this.replace(drag.index, { ...resized, label: drag.original.label });
      }
    }
  }

  private onPointerUp(event: PointerEvent): void {
    if (this.zoom.panning) {
      this.zoom.endPan();
      return;
    }
    const drag = this.drag;
    this.drag = null;
    if (!drag || !this.natural) {
      return;
    }
    if (drag.kind === 'draw') {
      const rect = rectFromCorners(drag.start, this.imagePoint(event), this.natural.width, this.natural.height);
      this.draft = null;
      if (rect.width >= MIN_SIDE && rect.height >= MIN_SIDE && this.labels.length > 0) {
        this.boxes = [...this.boxes, { ...rect, label: this.current }];
        this.selected = this.boxes.length - 1;
      } else {
        this.selected = -1; // a click on empty image
      }
    }
    this.changed();
  }

  private replace(index: number, box: LabeledBox): void {
    this.boxes = this.boxes.map((b, i) => (i === index ? box : b));
  }

  render() {
    const labels = this.labels;
    const n = this.natural;
    const src = String(this.task.taskInput?.taskObject ?? '');
    return html`
      ${labelBar(labels, (i) => this.current === i, (i) => this.pickLabel(i), labelColour)}
      <div class="toolbar">
        <button type="button" data-testid="zoom-in" title="Zoom in (+)" @click=${() => this.zoom.zoomBy(1.25, this.viewport)}>+</button>
        <button type="button" data-testid="zoom-out" title="Zoom out (-)" @click=${() => this.zoom.zoomBy(0.8, this.viewport)}>−</button>
        <button type="button" data-testid="zoom-fit" title="Fit (0)" @click=${() => n && this.zoom.fit(this.viewport, n.width, n.height)}>Fit</button>
        <span class="muted">${Math.round(this.zoom.view.scale * 100)}%</span>
        ${this.initial ? html`<span class="muted">Adjust the earlier boxes: fix, delete or add.</span>` : nothing}
        ${this.skippedInitial ? html`<span class="error">${this.skippedInitial} earlier box(es) had a label this job does not have and are not shown</span>` : nothing}
      </div>
      <div
        class="viewport"
        @wheel=${(e: WheelEvent) => this.zoom.wheel(e, e.currentTarget as HTMLElement)}
        @pointerdown=${this.onPointerDown}
        @pointermove=${this.onPointerMove}
        @pointerup=${this.onPointerUp}
        @pointercancel=${() => this.cancel()}
        @auxclick=${(e: Event) => e.preventDefault()}
      >
        <div class="stage" style="width:${n?.width ?? 0}px;height:${n?.height ?? 0}px;transform:${this.zoom.transform}">
          <img src=${src} alt="The image to label" draggable="false" @load=${this.onImageLoad} @error=${() => (this.imageError = 'the image could not be loaded')} />
          ${n
            ? html`<svg data-testid="bbox-canvas" viewBox="0 0 ${n.width} ${n.height}" preserveAspectRatio="none">
                ${this.boxes.map((b, i) => this.renderBox(b, i === this.selected))}
                ${this.draft
                  ? svg`<rect x=${this.draft.left} y=${this.draft.top} width=${this.draft.width} height=${this.draft.height}
                      fill="none" stroke=${labelColour(this.current)} stroke-dasharray=${`${4 / this.zoom.view.scale} ${3 / this.zoom.view.scale}`} stroke-width=${2 / this.zoom.view.scale}
                     ></rect>`
                  : nothing}
              </svg>`
            : nothing}
        </div>
      </div>
      ${this.imageError ? html`<p class="error">${this.imageError}</p>` : nothing}
      <ol class="boxlist" data-testid="box-list">
        ${this.boxes.map(
          (b, i) => html`<li data-testid="box-${i}" class=${i === this.selected ? 'selected' : ''} @click=${() => ((this.selected = i), (this.current = b.label))}>
            <span class="swatch" style="background:${labelColour(b.label)}"></span>
            <span>${labels[b.label] ?? '?'}</span>
            <span class="coords">${b.left},${b.top} ${b.width}×${b.height}</span>
            <button type="button" class="danger" data-testid="delete-box-${i}" title="Delete" @click=${(e: Event) => (e.stopPropagation(), this.deleteBox(i))}>×</button>
          </li>`,
        )}
      </ol>
      ${this.boxes.length === 0 ? html`<p class="muted">No boxes yet: pick a label and drag on the image. If there is nothing to box, submit as is.</p>` : nothing}
    `;
  }

  private renderBox(b: LabeledBox, selected: boolean) {
    const colour = labelColour(b.label);
    const scale = this.zoom.view.scale;
    const handle = 6 / scale;
    return svg`<g>
      <rect x=${b.left} y=${b.top} width=${b.width} height=${b.height} fill=${colour} fill-opacity=${selected ? 0.25 : 0.12}
        stroke=${colour} stroke-width=${(selected ? 3 : 2) / scale}></rect>
      <text x=${b.left + 2 / scale} y=${b.top + 13 / scale} font-size=${12 / scale} fill="#fff" paint-order="stroke"
        stroke=${colour} stroke-width=${3 / scale}>${this.labels[b.label] ?? ''}</text>
      ${selected
        ? HANDLES.map((h) => {
            const p = handlePoint(b, h);
            return svg`<rect x=${p.x - handle / 2} y=${p.y - handle / 2} width=${handle} height=${handle} fill="#fff"
              stroke=${colour} stroke-width=${1.5 / scale}></rect>`;
          })
        : nothing}
    </g>`;
  }
}

if (!customElements.get('verity-bbox-tool')) {
  customElements.define('verity-bbox-tool', BoundingBoxTool);
}
