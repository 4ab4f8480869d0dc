/** Bounding-box geometry in natural image pixels: normalising drags, clamping, hit-testing, moving, resizing. */

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A drawn box: its label is an index into the task's labels. */
export interface LabeledBox extends Rect {
  label: number;
}

export type Handle = 'nw' | 'n' | 'ne' | 'e' | 'se' | 's' | 'sw' | 'w';

export const HANDLES: Handle[] = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'];

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/**
 * The box two drag corners span, in whole pixels inside a `width`×`height` image: the server accepts any number,
 * but whole pixels are what Ground Truth's tool sends and what the image has.
 */
export function rectFromCorners(a: Point, b: Point, width: number, height: number): Rect {
  const x1 = Math.round(clamp(Math.min(a.x, b.x), 0, width));
  const y1 = Math.round(clamp(Math.min(a.y, b.y), 0, height));
  const x2 = Math.round(clamp(Math.max(a.x, b.x), 0, width));
  const y2 = Math.round(clamp(Math.max(a.y, b.y), 0, height));
  return { left: x1, top: y1, width: x2 - x1, height: y2 - y1 };
}

/** The rect rounded to whole pixels and moved/cut to lie inside the image, keeping at least 1×1. */
export function clampRect(rect: Rect, width: number, height: number): Rect {
  const w = clamp(Math.round(rect.width), 1, width);
  const h = clamp(Math.round(rect.height), 1, height);
  return {
    left: clamp(Math.round(rect.left), 0, width - w),
    top: clamp(Math.round(rect.top), 0, height - h),
    width: w,
    height: h,
  };
}

/** The rect moved by (dx, dy), kept whole inside the image (it slides along an edge rather than shrinking). */
export function moveRect(rect: Rect, dx: number, dy: number, width: number, height: number): Rect {
  return {
    left: clamp(Math.round(rect.left + dx), 0, width - rect.width),
    top: clamp(Math.round(rect.top + dy), 0, height - rect.height),
    width: rect.width,
    height: rect.height,
  };
}

/** The rect with `handle` dragged to `to`; dragging past the opposite edge flips it, as drawing does. */
export function resizeRect(rect: Rect, handle: Handle, to: Point, width: number, height: number): Rect {
  let x1 = rect.left;
  let y1 = rect.top;
  let x2 = rect.left + rect.width;
  let y2 = rect.top + rect.height;
  if (handle.includes('w')) x1 = to.x;
  if (handle.includes('e')) x2 = to.x;
  if (handle.includes('n')) y1 = to.y;
  if (handle.includes('s')) y2 = to.y;
  return rectFromCorners({ x: x1, y: y1 }, { x: x2, y: y2 }, width, height);
}

/** Where each handle of the rect sits. */
export function handlePoint(rect: Rect, handle: Handle): Point {
  const x = handle.includes('w') ? rect.left : handle.includes('e') ? rect.left + rect.width : rect.left + rect.width / 2;
  const y = handle.includes('n') ? rect.top : handle.includes('s') ? rect.top + rect.height : rect.top + rect.height / 2;
  return { x, y };
}

/** The handle of `rect` within `tolerance` (image pixels) of `p`, or null. Corners win over edges. */
export function hitHandle(rect: Rect, p: Point, tolerance: number): Handle | null {
  for (const handle of HANDLES) {
    const h = handlePoint(rect, handle);
    if (Math.abs(h.x - p.x) <= tolerance && Math.abs(h.y - p.y) <= tolerance) {
      return handle;
    }
  }
  return null;
}

export function contains(rect: Rect, p: Point): boolean {
  return p.x >= rect.left && p.x <= rect.left + rect.width && p.y >= rect.top && p.y <= rect.top + rect.height;
}

/** The box under `p`: the smallest containing one, so a box drawn inside another can still be picked; -1 if none. */
export function hitBox(boxes: readonly Rect[], p: Point): number {
  let best = -1;
  let bestArea = Infinity;
  boxes.forEach((box, i) => {
    const area = box.width * box.height;
    if (contains(box, p) && area <= bestArea) {
      best = i;
      bestArea = area;
    }
  });
  return best;
}

/** True if both lists hold the same boxes in the same order (label and position). */
export function sameBoxes(a: readonly LabeledBox[], b: readonly LabeledBox[]): boolean {
  return a.length === b.length && a.every((box, i) => box.label === b[i].label && box.left === b[i].left && box.top === b[i].top && box.width === b[i].width && box.height === b[i].height);
}

/** Zoom and pan of an image view: screen = offset + image * scale. */
export interface View {
  scale: number;
  offsetX: number;
  offsetY: number;
}

export const MIN_SCALE = 0.1;
export const MAX_SCALE = 32;

/** The view zoomed by `factor` about the screen point `at`, which stays over the same image point. */
export function zoomAt(view: View, factor: number, at: Point): View {
  const scale = clamp(view.scale * factor, MIN_SCALE, MAX_SCALE);
  const applied = scale / view.scale;
  return { scale, offsetX: at.x - (at.x - view.offsetX) * applied, offsetY: at.y - (at.y - view.offsetY) * applied };
}

/** The view that fits a `width`×`height` image into a `boxWidth`×`boxHeight` viewport, centred (small images grow). */
export function fitView(width: number, height: number, boxWidth: number, boxHeight: number): View {
  const scale = clamp(Math.min(boxWidth / width, boxHeight / height), MIN_SCALE, MAX_SCALE) || 1;
  return { scale, offsetX: (boxWidth - width * scale) / 2, offsetY: Math.max(0, (boxHeight - height * scale) / 2) };
}

/** The image point under the screen point `p` (relative to the viewport). */
export function toImage(view: View, p: Point): Point {
  return { x: (p.x - view.offsetX) / view.scale, y: (p.y - view.offsetY) / view.scale };
}

/** The point in whole pixels inside a `width`×`height` image, as Ground Truth's vertex tools send it. */
export function clampPoint(p: Point, width: number, height: number): Point {
  return { x: Math.round(clamp(p.x, 0, width)), y: Math.round(clamp(p.y, 0, height)) };
}

/** The index of the first point within `tolerance` of `p`, or -1. */
export function hitPoint(points: readonly Point[], p: Point, tolerance: number): number {
  return points.findIndex((q) => Math.abs(q.x - p.x) <= tolerance && Math.abs(q.y - p.y) <= tolerance);
}
