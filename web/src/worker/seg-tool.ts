import { css, html, nothing, svg } from 'lit';
import { ToolElement, labelBar, toolStyles } from './tool';
import { answerKey, taskLabels, taskTypeOf } from './types';
import { maskAnswer } from './answers';
import { LabelMap } from './labelmap';
import { BACKGROUND_RGB, maskColours, toHex } from './palette';
import { encodeIndexedPng, toBase64 } from './png';
import type { Point } from './geometry';
import { ZoomPan, isTyping } from './zoom-pan';

type Mode = 'brush' | 'eraser' | 'polygon';

const UNDO_LIMIT = 30;
/** How close (screen pixels) a click must be to the first point to close the polygon. */
const CLOSE_DISTANCE = 9;

/**
 * Semantic segmentation (and its adjustment): paint a label map with a brush, an eraser and filled polygons, with
 * undo. The map is rasterised exactly (see LabelMap) and submitted as an indexed PNG at the image's natural size.
 */
export class SegmentationTool extends ToolElement {
  static properties = {
    mode: { state: true },
    brushSize: { state: true },
    current: { state: true },
    polygon: { state: true },
    natural: { state: true },
    cursor: { state: true },
    status: { state: true },
    problem: { state: true },
    undoDepth: { state: true },
  };

  declare mode: Mode;
  /** Brush diameter in image pixels. */
  declare brushSize: number;
  declare current: number;
  declare polygon: Point[];
  declare natural: { width: number; height: number } | null;
  declare cursor: Point | null;
  /** A note for the worker (e.g. earlier-mask colours that matched no label). */
  declare status: string | null;
  /** Why the tool cannot produce an answer (image or earlier mask failed to load), or null. */
  declare problem: string | null;
  declare undoDepth: number;

  private map: LabelMap | null = null;
  private initialData: Uint8Array | null = null;
  private loadingInitial = false;
  /** RGB per label (class index - 1). */
  protected colours: number[] = [];
  private undo: Uint8Array[] = [];
  private painting: Point | null = null;
  private pixels: ImageData | null = null;
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
      canvas {
        opacity: 0.6;
        image-rendering: pixelated;
      }
      svg {
        cursor: crosshair;
      }
      input[type='range'] {
        width: 140px;
      }
    `,
  ];

  constructor() {
    super();
    this.mode = 'brush';
    this.brushSize = 16;
    this.current = 0;
    this.polygon = [];
    this.natural = null;
    this.cursor = null;
    this.status = null;
    this.problem = null;
    this.undoDepth = 0;
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

  /** What the label bar offers and the mask's classes stand for. */
  protected get labels(): string[] {
    return taskLabels(this.task);
  }

  private get adjusting(): boolean {
    return taskTypeOf(this.task) === 'AdjustmentSemanticSegmentation';
  }

  private get earlier(): { src?: string; labelMappings?: Record<string, { color?: string }> } | null {
    const value = this.task.taskInput?.initialValue;
    return value && typeof value === 'object' ? (value as { src?: string; labelMappings?: Record<string, { color?: string }> }) : null;
  }

  willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('task') && this.task) {
      const mappings: Record<string, string> = {};
      for (const [label, value] of Object.entries(this.earlier?.labelMappings ?? {})) {
        if (typeof value?.color === 'string') {
          mappings[label] = value.color.toLowerCase();
        }
      }
      this.colours = maskColours(this.labels, this.adjusting ? mappings : {});
    }
  }

  hint(): string | null {
    if (this.problem) {
      return this.problem;
    }
    if (!this.map) {
      return 'the image is loading';
    }
    if (this.loadingInitial) {
      return 'the earlier mask is loading';
    }
    if (taskLabels(this.task).length === 0) {
      return 'the task has no labels';
    }
    return null;
  }

  async answerContent(): Promise<Record<string, unknown>> {
    const hint = this.hint();
    if (hint || !this.map) {
      throw new Error(hint ?? 'nothing to submit');
    }
    const map = this.map;
    const png = await encodeIndexedPng(map.width, map.height, map.data, [BACKGROUND_RGB, ...this.colours]);
    return this.answerFor(map, toBase64(png));
  }

  /** The answer around the encoded mask. */
  protected answerFor(map: LabelMap, pngBase64: string): Record<string, unknown> {
    return maskAnswer({
      key: answerKey(this.task, 'crowd-semantic-segmentation'),
      labels: this.labels,
      colours: this.colours,
      imageWidth: map.width,
      imageHeight: map.height,
      pngBase64,
      initialValueModified: this.initialData ? !map.equals(this.initialData) : undefined,
    });
  }

  /** More toolbar controls, for subclasses. */
  protected renderExtraTools(): unknown {
    return nothing;
  }

  pickLabel(index: number): void {
    if (index < 0 || index >= this.labels.length) {
      return;
    }
    this.current = index;
    if (this.mode === 'eraser') {
      this.mode = 'brush';
    }
    this.changed();
  }

  cancel(): boolean {
    if (this.polygon.length > 0) {
      this.polygon = [];
      return true;
    }
    return false;
  }

  takeEnter(): boolean {
    if (this.polygon.length === 0) {
      return false;
    }
    this.closePolygon();
    return true;
  }

  handleKey(event: KeyboardEvent): boolean {
    if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'z') {
      this.undoLast();
      return true;
    }
    if (event.key === 'Backspace' && this.polygon.length > 0) {
      this.polygon = this.polygon.slice(0, -1);
      return true;
    }
    const modes: Record<string, Mode> = { b: 'brush', e: 'eraser', p: 'polygon' };
    if (!event.ctrlKey && !event.metaKey && !event.altKey && modes[event.key]) {
      this.setMode(modes[event.key]);
      return true;
    }
    if (event.key === '[' || event.key === ']') {
      this.brushSize = Math.max(1, Math.min(200, this.brushSize + (event.key === ']' ? 2 : -2)));
      return true;
    }
    return this.natural ? this.zoom.key(event, this.viewport, this.natural.width, this.natural.height) : false;
  }

  shortcuts(): Array<[string, string]> {
    return [
      ['B / E / P', 'brush / eraser / polygon'],
      ['[ / ]', 'smaller / larger brush'],
      ['Enter, click first point', 'close and fill the polygon'],
      ['Backspace', 'remove the polygon’s last point'],
      ['Ctrl+Z', 'undo'],
      ['wheel, + / -, 0', 'zoom in / out, fit'],
      ['Space + drag, middle drag', 'pan'],
    ];
  }

  private setMode(mode: Mode): void {
    this.mode = mode;
    if (mode !== 'polygon') {
      this.polygon = [];
    }
  }

  private get viewport(): HTMLElement | null {
    return this.renderRoot.querySelector('.viewport');
  }

  private get canvas(): HTMLCanvasElement | null {
    return this.renderRoot.querySelector('canvas');
  }

  private imagePoint(event: PointerEvent): Point {
    const r = this.canvas?.getBoundingClientRect();
    const n = this.natural!;
    if (!r || r.width === 0 || r.height === 0) {
      return { x: event.offsetX, y: event.offsetY };
    }
    return { x: ((event.clientX - r.left) / r.width) * n.width, y: ((event.clientY - r.top) / r.height) * n.height };
  }

  private async onImageLoad(event: Event): Promise<void> {
    const img = event.target as HTMLImageElement;
    const natural = { width: img.naturalWidth, height: img.naturalHeight };
    if (!natural.width || !natural.height) {
      this.problem = 'the image has no size; it may be broken';
      return;
    }
    // Fit first, so the canvas appears where it stays (browser tests measure it as soon as it exists).
    this.zoom.fit(this.viewport, natural.width, natural.height);
    this.map = new LabelMap(natural.width, natural.height);
    this.natural = natural;
    // A brush that looks the same on small and large images: about 1/40 of the shorter side.
    this.brushSize = Math.max(2, Math.min(200, Math.round(Math.min(natural.width, natural.height) / 40)));
    await this.updateComplete;
    if (this.adjusting) {
      await this.loadEarlierMask(natural.width, natural.height);
    }
    this.redraw(true);
    this.changed();
  }

  /** Reads the earlier mask (a presigned URL; the bucket sends CORS headers) into the label map. */
  private async loadEarlierMask(width: number, height: number): Promise<void> {
    const src = this.earlier?.src;
    if (!src) {
      this.problem = 'this adjustment task has no earlier mask to adjust';
      return;
    }
    this.loadingInitial = true;
    this.changed();
    try {
      const mask = new Image();
      mask.crossOrigin = 'anonymous';
      mask.src = src;
      await mask.decode();
      const scratch = document.createElement('canvas');
      scratch.width = width;
      scratch.height = height;
      const context = scratch.getContext('2d', { willReadFrequently: true });
      if (!context) {
        throw new Error('this browser cannot read images into a canvas');
      }
      context.imageSmoothingEnabled = false;
      context.drawImage(mask, 0, 0, width, height);
      const { map, unknownPixels } = LabelMap.fromRgba(context.getImageData(0, 0, width, height).data, width, height, this.colours);
      this.map = map;
      this.initialData = map.snapshot();
      const notes: string[] = [];
      if (mask.naturalWidth !== width || mask.naturalHeight !== height) {
        notes.push(`the earlier mask is ${mask.naturalWidth}×${mask.naturalHeight} and was scaled to the ${width}×${height} image`);
      }
      if (unknownPixels > 0) {
        notes.push(`${unknownPixels} earlier pixels had a colour of no label of this job and start as background`);
      }
      this.status = notes.length ? notes.join('; ') : null;
    } catch (e) {
      this.problem = `the earlier mask could not be loaded (${(e as Error).message || 'network or CORS error'}); release the task and try another`;
    } finally {
      this.loadingInitial = false;
    }
  }

  /** Copies changed pixels of the label map to the display canvas. */
  private redraw(all = false): void {
    const map = this.map;
    const context = this.canvas?.getContext('2d');
    if (!map || !context) {
      return;
    }
    if (!this.pixels || this.pixels.width !== map.width || this.pixels.height !== map.height) {
      this.pixels = context.createImageData(map.width, map.height);
      all = true;
    }
    const dirty = map.takeDirty();
    const region = all ? { x0: 0, y0: 0, x1: map.width - 1, y1: map.height - 1 } : dirty;
    if (!region) {
      return;
    }
    map.paintRgba(this.pixels.data, this.colours, region);
    context.putImageData(this.pixels, 0, 0, region.x0, region.y0, region.x1 - region.x0 + 1, region.y1 - region.y0 + 1);
  }

  private remember(): void {
    if (!this.map) return;
    this.undo.push(this.map.snapshot());
    if (this.undo.length > UNDO_LIMIT) {
      this.undo.shift();
    }
    this.undoDepth = this.undo.length;
  }

  private undoLast(): void {
    const previous = this.undo.pop();
    if (previous && this.map) {
      this.map.restore(previous);
      this.undoDepth = this.undo.length;
      this.redraw();
      this.changed();
    }
  }

  private closePolygon(): void {
    if (this.polygon.length >= 3 && this.map) {
      this.remember();
      this.map.fillPolygon(this.polygon, this.current + 1);
      this.redraw();
      this.changed();
    }
    this.polygon = [];
  }

  /** Whether there is a class to paint with (subclasses may start without one). */
  protected canPaint(): boolean {
    return true;
  }

  private onPointerDown(event: PointerEvent): void {
    if (!this.map || this.loadingInitial || !this.canPaint()) {
      return;
    }
    (event.currentTarget as Element).setPointerCapture?.(event.pointerId);
    if (this.zoom.startPan(event) || event.button !== 0) {
      return;
    }
    const p = this.imagePoint(event);
    if (this.mode === 'polygon') {
      const first = this.polygon[0];
      const closeEnough = first && Math.hypot(first.x - p.x, first.y - p.y) * this.zoom.view.scale <= CLOSE_DISTANCE;
      if (this.polygon.length >= 3 && closeEnough) {
        this.closePolygon();
      } else {
        this.polygon = [...this.polygon, p];
      }
      return;
    }
    this.remember();
    this.painting = p;
    this.map.paintLine(p, p, this.brushSize / 2, this.mode === 'eraser' ? 0 : this.current + 1);
    this.redraw();
  }

  private onPointerMove(event: PointerEvent): void {
    if (this.zoom.panning) {
      this.zoom.movePan(event);
      return;
    }
    if (!this.natural) return;
    const p = this.imagePoint(event);
    this.cursor = p;
    if (this.painting && this.map) {
      this.map.paintLine(this.painting, p, this.brushSize / 2, this.mode === 'eraser' ? 0 : this.current + 1);
      this.painting = p;
      this.redraw();
    }
  }

  private onPointerUp(): void {
    if (this.zoom.panning) {
      this.zoom.endPan();
      return;
    }
    if (this.painting) {
      this.painting = null;
      this.changed();
    }
  }

  render() {
    const n = this.natural;
    const src = String(this.task.taskInput?.taskObject ?? '');
    const scale = this.zoom.view.scale;
    const colour = toHex(this.colours[this.current] ?? 0);
    return html`
      ${labelBar(this.labels, (i) => this.current === i && this.mode !== 'eraser', (i) => this.pickLabel(i), (i) => toHex(this.colours[i] ?? 0))}
      <div class="toolbar">
        <button type="button" data-testid="tool-brush" aria-pressed=${this.mode === 'brush'} @click=${() => this.setMode('brush')}>Brush <kbd>B</kbd></button>
        <button type="button" data-testid="tool-eraser" aria-pressed=${this.mode === 'eraser'} @click=${() => this.setMode('eraser')}>Eraser <kbd>E</kbd></button>
        <button type="button" data-testid="tool-polygon" aria-pressed=${this.mode === 'polygon'} @click=${() => this.setMode('polygon')}>Polygon <kbd>P</kbd></button>
        <label
          >Size
          <input
            type="range"
            min="1"
            max="200"
            data-testid="brush-size"
            .value=${String(this.brushSize)}
            @input=${(e: Event) => (this.brushSize = Number((e.target as HTMLInputElement).value))}
          />
          ${this.brushSize}px</label
        >
        <button type="button" data-testid="undo" ?disabled=${this.undoDepth === 0} @click=${() => this.undoLast()}>Undo <kbd>Ctrl+Z</kbd></button>
        <button type="button" data-testid="zoom-in" @click=${() => this.zoom.zoomBy(1.25, this.viewport)}>+</button>
        <button type="button" data-testid="zoom-out" @click=${() => this.zoom.zoomBy(0.8, this.viewport)}>−</button>
        <button type="button" data-testid="zoom-fit" @click=${() => n && this.zoom.fit(this.viewport, n.width, n.height)}>Fit</button>
        <span class="muted">${Math.round(scale * 100)}%</span>
        ${this.renderExtraTools()}
      </div>
      ${this.mode === 'polygon' ? html`<p class="muted">Click points; click the first point or press Enter to fill, Escape to cancel.</p>` : nothing}
      <div
        class="viewport"
        @wheel=${(e: WheelEvent) => this.zoom.wheel(e, e.currentTarget as HTMLElement)}
        @pointerdown=${this.onPointerDown}
        @pointermove=${this.onPointerMove}
        @pointerup=${this.onPointerUp}
        @pointercancel=${this.onPointerUp}
        @pointerleave=${() => (this.cursor = null)}
        @auxclick=${(e: Event) => e.preventDefault()}
      >
        <div class="stage" style="width:${n?.width ?? 0}px;height:${n?.height ?? 0}px;transform:${this.zoom.transform}">
          <img src=${src} alt="The image to segment" draggable="false" @load=${this.onImageLoad} @error=${() => (this.problem = 'the image could not be loaded')} />
          ${n ? html`<canvas data-testid="seg-canvas" width=${n.width} height=${n.height}></canvas>` : nothing}
          <svg viewBox="0 0 ${n?.width ?? 1} ${n?.height ?? 1}" preserveAspectRatio="none" style="pointer-events:none">
            ${this.polygon.length
              ? svg`<polyline points=${this.polygon.map((p) => `${p.x},${p.y}`).join(' ')} fill=${colour} fill-opacity="0.25"
                  stroke=${colour} stroke-width=${2 / scale}></polyline>
                ${this.polygon.map((p, i) => svg`<circle cx=${p.x} cy=${p.y} r=${(i === 0 ? 5 : 3) / scale} fill=${i === 0 ? '#fff' : colour} stroke=${colour}
                  stroke-width=${1 / scale}></circle>`)}`
              : nothing}
            ${this.cursor && this.mode !== 'polygon'
              ? svg`<circle cx=${this.cursor.x} cy=${this.cursor.y} r=${this.brushSize / 2} fill="none" stroke=${this.mode === 'eraser' ? '#fff' : colour}
                  stroke-width=${1.5 / scale}></circle>`
              : nothing}
          </svg>
        </div>
      </div>
      ${this.problem ? html`<p class="error">${this.problem}</p>` : nothing}
      ${this.status ? html`<p class="muted">${this.status}</p>` : nothing}
      <p class="muted">Unpainted pixels are background.${this.adjusting ? ' The earlier mask is loaded; correct it where it is wrong.' : ''}</p>
    `;
  }
}

if (!customElements.get('verity-seg-tool')) {
  customElements.define('verity-seg-tool', SegmentationTool);
}
