import { fitView, zoomAt, type Point, type View } from './geometry';

/**
 * Zoom (wheel, +/-, fit) and pan (middle drag, or Space + drag) for an image stage inside a viewport element; shared
 * by the box and mask tools. The owner renders the stage with `transform` and calls these from its handlers.
 */
export class ZoomPan {
  view: View = { scale: 1, offsetX: 0, offsetY: 0 };
  spaceHeld = false;
  private panStart: { client: Point; view: View } | null = null;

  constructor(private readonly onChange: () => void) {}

  get transform(): string {
    const { scale, offsetX, offsetY } = this.view;
    return `translate(${offsetX}px, ${offsetY}px) scale(${scale})`;
  }

  fit(viewport: HTMLElement | null, width: number, height: number): void {
    this.view = fitView(width, height, viewport?.clientWidth || width, viewport?.clientHeight || height);
    this.onChange();
  }

  /** Zooms about the viewport's centre (buttons, keys). */
  zoomBy(factor: number, viewport: HTMLElement | null): void {
    const at = { x: (viewport?.clientWidth ?? 0) / 2, y: (viewport?.clientHeight ?? 0) / 2 };
    this.view = zoomAt(this.view, factor, at);
    this.onChange();
  }

  wheel(event: WheelEvent, viewport: HTMLElement): void {
    event.preventDefault();
    const rect = viewport.getBoundingClientRect();
    const factor = Math.exp(-Math.sign(event.deltaY) * Math.min(Math.abs(event.deltaY), 100) * 0.0025);
    this.view = zoomAt(this.view, factor, { x: event.clientX - rect.left, y: event.clientY - rect.top });
    this.onChange();
  }

  /** True if this press starts a pan (middle button, or the left one while Space is held). */
  startPan(event: PointerEvent): boolean {
    if (event.button === 1 || (event.button === 0 && this.spaceHeld)) {
      event.preventDefault();
      this.panStart = { client: { x: event.clientX, y: event.clientY }, view: this.view };
      return true;
    }
    return false;
  }

  get panning(): boolean {
    return this.panStart !== null;
  }

  movePan(event: PointerEvent): void {
    if (!this.panStart) {
      return;
    }
    const { client, view } = this.panStart;
    this.view = { ...view, offsetX: view.offsetX + event.clientX - client.x, offsetY: view.offsetY + event.clientY - client.y };
    this.onChange();
  }

  endPan(): void {
    this.panStart = null;
  }

  /** The key (+, -, 0) as a zoom; true if it was one. */
  key(event: KeyboardEvent, viewport: HTMLElement | null, width: number, height: number): boolean {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return false;
    }
    if (event.key === '+' || event.key === '=') {
      this.zoomBy(1.25, viewport);
      return true;
    }
    if (event.key === '-' || event.key === '_') {
      this.zoomBy(0.8, viewport);
      return true;
    }
    if (event.key === '0') {
      this.fit(viewport, width, height);
      return true;
    }
    return false;
  }
}

/** True if a key event comes from a place where the user types, where shortcuts must not fire. */
export function isTyping(event: Event): boolean {
  const origin = event.composedPath()[0] as HTMLElement | undefined;
  if (!origin || !(origin instanceof HTMLElement)) {
    return false;
  }
  const tag = origin.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT' || origin.isContentEditable) {
    return true;
  }
  if (tag === 'INPUT') {
    const type = (origin as HTMLInputElement).type;
    return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset', 'color', 'file'].includes(type);
  }
  return false;
}
