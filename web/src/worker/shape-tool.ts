import { css, html, nothing, svg } from 'lit';
import { BuiltAnswerTool, labelBar, toolStyles } from './tool';
import { answerKey, taskLabels } from './types';
import { SHAPE_KINDS, shapeAnswer, shapesFromInitialValue, type Built, type Shape, type ShapeKind } from './answers';
import { clampPoint, hitPoint, type Point } from './geometry';
import { labelColour } from './palette';
import { ZoomPan, isTyping } from './zoom-pan';

/** How close (screen pixels) a press must be to a vertex to grab it, or to the first one to close a polygon. */
const GRAB_DISTANCE = 8;

/**
 * Vertex shapes on an image: polygons (click points, close on the first or with Enter), polylines (Enter ends),
 * lines (two clicks) and keypoints (one click). Drag a vertex to move it, click a shape's vertex to select it,
 * Delete removes it, Escape or Backspace undo the shape being drawn; zoom and pan as in the box tool. Points are
 * whole natural-image pixels.
 */
export class ShapeTool extends BuiltAnswerTool {
  static properties = {
    kind: { attribute: false },
    labelColours: { attribute: false },
    shapes: { state: true },
    draft: { state: true },
    current: { state: true },
    selected: { state: true },
    natural: { state: true },
    imageError: { state: true },
  };

  declare kind: ShapeKind;
  /** A colour per label ("#rrggbb", null for the palette's), as a template's label-colors gives them. */
  declare labelColours: Array<string | null>;
  declare shapes: Shape[];
  /** The vertices of the shape being drawn. */
  declare draft: Point[];
  declare current: number;
  declare selected: number;
  declare natural: { width: number; height: number } | null;
  declare imageError: string | null;
  private initial: Shape[] | null = null;
  private skippedInitial = 0;
  private drag: { shape: number; vertex: number } | null = null;
  private readonly zoom = new ZoomPan(() => this.requestUpdate());
  private readonly onKeyUp = (e: KeyboardEvent) => {
    if (e.key === ' ') this.zoom.spaceHeld = false;
  };
  private readonly onKeyDown = (e: KeyboardEvent) => {
    if (e.key === ' ' && !isTyping(e)) {
      this.zoom.spaceHeld = true;
      e.preventDefault();
    }
  };

  static styles = [
    toolStyles,
    css`
      svg {
        cursor: crosshair;
      }
    `,
  ];

  constructor() {
    super();
    this.kind = 'polygon';
    this.labelColours = [];
    this.shapes = [];
    this.draft = [];
    this.current = 0;
    this.selected = -1;
    this.natural = null;
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
    const given = this.task?.taskInput?.initialValue;
    if (changed.has('task') && given !== undefined && given !== null) {
      const { shapes, skipped } = shapesFromInitialValue(given, this.kind, this.labels);
      this.initial = shapes;
      this.skippedInitial = skipped;
      this.shapes = shapes.map((s) => ({ ...s, vertices: [...s.vertices] }));
    }
  }

  private get labels(): string[] {
    return taskLabels(this.task);
  }

  protected build(): Built {
    if (this.draft.length) {
      return { ok: false, hint: `finish the ${this.kind} being drawn (Enter) or cancel it (Escape)` };
    }
    return shapeAnswer({
      key: answerKey(this.task, this.kind),
      kind: this.kind,
      labels: this.labels,
      shapes: this.shapes,
      imageWidth: this.natural?.width ?? 0,
      imageHeight: this.natural?.height ?? 0,
      initial: this.initial,
    });
  }

  hint(): string | null {
    return this.imageError ?? super.hint();
  }

  pickLabel(index: number): void {
    if (index < 0 || index >= this.labels.length) return;
    this.current = index;
    if (this.selected >= 0) {
      this.shapes = this.shapes.map((s, i) => (i === this.selected ? { ...s, label: index } : s));
    }
    this.changed();
  }

  cancel(): boolean {
    if (this.draft.length) {
      this.draft = [];
      this.changed();
      return true;
    }
    if (this.selected >= 0) {
      this.selected = -1;
      return true;
    }
    return false;
  }

  takeEnter(): boolean {
    if (this.draft.length === 0) return false;
    this.finishDraft();
    return true;
  }

  handleKey(event: KeyboardEvent): boolean {
    if (event.key === 'Backspace' && this.draft.length) {
      this.draft = this.draft.slice(0, -1);
      this.changed();
      return true;
    }
    if ((event.key === 'Delete' || event.key === 'Backspace') && this.selected >= 0) {
      this.shapes = this.shapes.filter((_, i) => i !== this.selected);
      this.selected = -1;
      this.changed();
      return true;
    }
    return this.natural ? this.zoom.key(event, this.viewport, this.natural.width, this.natural.height) : false;
  }

  shortcuts(): Array<[string, string]> {
    const draw: Record<ShapeKind, string> = {
      polygon: 'add a point; click the first point or press Enter to close',
      polyline: 'add a point; Enter ends the line',
      line: 'the two ends of a line',
      keypoint: 'place a point',
    };
    return [
      ['click', draw[this.kind]],
      ['drag a point', 'move it (and select its shape)'],
      ['Delete', 'delete the selected shape'],
      ['Backspace, Escape', 'remove the last point / cancel the shape being drawn'],
      ['wheel, + / -, 0', 'zoom in / out, fit'],
    ];
  }

  private colour(label: number): string {
    return this.labelColours[label] ?? labelColour(label);
  }

  private get viewport(): HTMLElement | null {
    return this.renderRoot.querySelector('.viewport');
  }

  private imagePoint(event: PointerEvent): Point {
    const r = this.renderRoot.querySelector('svg')?.getBoundingClientRect();
    const n = this.natural!;
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
    this.zoom.fit(this.viewport, natural.width, natural.height);
    this.natural = natural;
    this.shapes = this.shapes.map((s) => ({ ...s, vertices: s.vertices.map((v) => clampPoint(v, natural.width, natural.height)) }));
    this.changed();
  }

  private finishDraft(): void {
    if (this.draft.length >= SHAPE_KINDS[this.kind].min && this.labels.length > 0) {
      this.shapes = [...this.shapes, { label: this.current, vertices: this.draft }];
      this.selected = this.shapes.length - 1;
    }
    this.draft = [];
    this.changed();
  }

  private onPointerDown(event: PointerEvent): void {
    if (!this.natural) return;
    (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
    if (this.zoom.startPan(event) || event.button !== 0) return;
    const { width, height } = this.natural;
    const raw = this.imagePoint(event);
    const p = clampPoint(raw, width, height);
    const tolerance = GRAB_DISTANCE / this.zoom.view.scale;
    if (this.draft.length === 0) {
      const grabbed = this.shapes.findIndex((s) => hitPoint(s.vertices, raw, tolerance) >= 0);
      if (grabbed >= 0) {
        this.selected = grabbed;
        this.current = this.shapes[grabbed].label;
        this.drag = { shape: grabbed, vertex: hitPoint(this.shapes[grabbed].vertices, raw, tolerance) };
        return;
      }
    }
    this.selected = -1;
    if (this.kind === 'polygon' && this.draft.length >= 3 && hitPoint([this.draft[0]], raw, tolerance) === 0) {
      this.finishDraft();
      return;
    }
    this.draft = [...this.draft, p];
    if (this.draft.length >= SHAPE_KINDS[this.kind].max) {
      this.finishDraft();
    } else {
      this.changed();
    }
  }

  private onPointerMove(event: PointerEvent): void {
    if (this.zoom.panning) {
      this.zoom.movePan(event);
      return;
    }
    const drag = this.drag;
    if (!drag || !this.natural) return;
    const p = clampPoint(this.imagePoint(event), this.natural.width, this.natural.height);
    this.shapes = this.shapes.map((s, i) =>
      i === drag.shape ? { ...s, vertices: s.vertices.map((v, k) => (k === drag.vertex ? p : v)) } : s,
    );
  }

  private onPointerUp(): void {
    if (this.zoom.panning) {
      this.zoom.endPan();
      return;
    }
    if (this.drag) {
      this.drag = null;
      this.changed();
    }
  }

  private onDoubleClick(): void {
    // A double click on the last point ends a polyline, as Enter does (its two clicks added one point twice).
    if (this.kind === 'polyline' && this.draft.length >= 3) {
      this.draft = this.draft.slice(0, -1);
      this.finishDraft();
    }
  }

  render() {
    const labels = this.labels;
    const n = this.natural;
    const src = String(this.task.taskInput?.taskObject ?? '');
    return html`
      ${labelBar(labels, (i) => this.current === i, (i) => this.pickLabel(i), (i) => this.colour(i))}
      <div class="toolbar">
        <button type="button" data-testid="zoom-in" title="Zoom in (+)" @click=${() => this.zoom.zoomBy(1.25, this.viewport)}>+</button>
        <button type="button" data-testid="zoom-out" title="Zoom out (-)" @click=${() => this.zoom.zoomBy(0.8, this.viewport)}>−</button>
        <button type="button" data-testid="zoom-fit" title="Fit (0)" @click=${() => n && this.zoom.fit(this.viewport, n.width, n.height)}>Fit</button>
        <span class="muted">${Math.round(this.zoom.view.scale * 100)}%</span>
        ${this.skippedInitial ? html`<span class="error">${this.skippedInitial} earlier shape(s) had a label this task does not have and are not shown</span>` : nothing}
      </div>
      <div
        class="viewport"
        @wheel=${(e: WheelEvent) => this.zoom.wheel(e, e.currentTarget as HTMLElement)}
        @pointerdown=${this.onPointerDown}
        @pointermove=${this.onPointerMove}
        @pointerup=${this.onPointerUp}
        @pointercancel=${this.onPointerUp}
        @dblclick=${this.onDoubleClick}
        @auxclick=${(e: Event) => e.preventDefault()}
      >
        <div class="stage" style="width:${n?.width ?? 0}px;height:${n?.height ?? 0}px;transform:${this.zoom.transform}">
          <img src=${src} alt="The image to annotate" draggable="false" @load=${this.onImageLoad} @error=${() => (this.imageError = 'the image could not be loaded')} />
          ${n
            ? html`<svg data-testid="shape-canvas" viewBox="0 0 ${n.width} ${n.height}" preserveAspectRatio="none">
                ${this.shapes.map((s, i) => this.renderShape(s.vertices, s.label, i === this.selected, this.kind === 'polygon'))}
                ${this.draft.length ? this.renderShape(this.draft, this.current, true, false) : nothing}
              </svg>`
            : nothing}
        </div>
      </div>
      ${this.imageError ? html`<p class="error">${this.imageError}</p>` : nothing}
      <p class="muted" data-testid="shape-count">${this.shapes.length} ${SHAPE_KINDS[this.kind].list}${this.draft.length ? `, drawing one (${this.draft.length} points)` : ''}</p>
    `;
  }

  private renderShape(vertices: readonly Point[], label: number, selected: boolean, closed: boolean) {
    const colour = this.colour(label);
    const scale = this.zoom.view.scale;
    const points = vertices.map((v) => `${v.x},${v.y}`).join(' ');
    return svg`<g>
      ${closed
        ? svg`<polygon points=${points} fill=${colour} fill-opacity=${selected ? 0.3 : 0.15} stroke=${colour} stroke-width=${2 / scale}></polygon>`
        : svg`<polyline points=${points} fill="none" stroke=${colour} stroke-width=${(selected ? 3 : 2) / scale}></polyline>`}
      ${vertices.map((v) => svg`<circle cx=${v.x} cy=${v.y} r=${(selected ? 5 : 4) / scale} fill="#fff" stroke=${colour} stroke-width=${2 / scale}></circle>`)}
    </g>`;
  }
}

if (!customElements.get('verity-shape-tool')) {
  customElements.define('verity-shape-tool', ShapeTool);
}
