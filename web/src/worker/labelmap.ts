import type { Point } from './geometry';

/**
 * A mask as one class index per pixel (0 background, label index + 1), painted by exact rasterisation: a pixel is
 * in or out, judged at its centre, so the exported mask holds only the label colours. A canvas stroke would blend
 * edges into colours the server rejects.
 */
export class LabelMap {
  readonly data: Uint8Array;
  private dirty: { x0: number; y0: number; x1: number; y1: number } | null = null;

  constructor(
    readonly width: number,
    readonly height: number,
    data?: Uint8Array,
  ) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
      throw new RangeError(`a mask needs a positive whole size, got ${width}x${height}`);
    }
    if (data && data.length !== width * height) {
      throw new RangeError(`mask data holds ${data.length} pixels, not ${width}x${height}`);
    }
    this.data = data ?? new Uint8Array(width * height);
  }

  get(x: number, y: number): number {
    return this.data[y * this.width + x];
  }

  /** Paints a stroke of radius `radius` from `a` to `b` (a capsule); returns true if any pixel changed. */
  paintLine(a: Point, b: Point, radius: number, value: number): boolean {
    const r = Math.max(0.5, radius);
    const x0 = Math.max(0, Math.floor(Math.min(a.x, b.x) - r));
    const x1 = Math.min(this.width - 1, Math.ceil(Math.max(a.x, b.x) + r));
    const y0 = Math.max(0, Math.floor(Math.min(a.y, b.y) - r));
    const y1 = Math.min(this.height - 1, Math.ceil(Math.max(a.y, b.y) + r));
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const lengthSquared = dx * dx + dy * dy;
    let changed = false;
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const px = x + 0.5;
        const py = y + 0.5;
        const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((px - a.x) * dx + (py - a.y) * dy) / lengthSquared));
        const ex = px - (a.x + t * dx);
        const ey = py - (a.y + t * dy);
        if (ex * ex + ey * ey <= r * r) {
          changed = this.set(x, y, value) || changed;
        }
      }
    }
    // A thin brush still paints the pixels under its ends.
    for (const p of [a, b]) {
      const x = Math.floor(p.x);
      const y = Math.floor(p.y);
      if (x >= 0 && y >= 0 && x < this.width && y < this.height) {
        changed = this.set(x, y, value) || changed;
      }
    }
    return changed;
  }

  /** Fills the polygon (even-odd rule, pixel centres); returns true if any pixel changed. */
  fillPolygon(points: readonly Point[], value: number): boolean {
    if (points.length < 3) {
      return false;
    }
    const ys = points.map((p) => p.y);
    const y0 = Math.max(0, Math.floor(Math.min(...ys)));
    const y1 = Math.min(this.height - 1, Math.ceil(Math.max(...ys)));
    let changed = false;
    for (let y = y0; y <= y1; y++) {
      const cy = y + 0.5;
      const crossings: number[] = [];
      for (let i = 0; i < points.length; i++) {
        const p = points[i];
        const q = points[(i + 1) % points.length];
        // Half-open in y, so a vertex on the scanline counts once.
        if ((p.y <= cy && q.y > cy) || (q.y <= cy && p.y > cy)) {
          crossings.push(p.x + ((cy - p.y) / (q.y - p.y)) * (q.x - p.x));
        }
      }
      crossings.sort((m, n) => m - n);
      for (let i = 0; i + 1 < crossings.length; i += 2) {
        const from = Math.max(0, Math.ceil(crossings[i] - 0.5));
        const to = Math.min(this.width - 1, Math.ceil(crossings[i + 1] - 0.5) - 1);
        for (let x = from; x <= to; x++) {
          changed = this.set(x, y, value) || changed;
        }
      }
    }
    return changed;
  }

  /** A copy of the pixels, for undo. */
  snapshot(): Uint8Array {
    return this.data.slice();
  }

  restore(snapshot: Uint8Array): void {
    if (snapshot.length !== this.data.length) {
      throw new RangeError('snapshot of another mask size');
    }
    this.data.set(snapshot);
    this.markDirty(0, 0, this.width - 1, this.height - 1);
  }

  equals(other: Uint8Array): boolean {
    if (other.length !== this.data.length) {
      return false;
    }
    for (let i = 0; i < other.length; i++) {
      if (other[i] !== this.data[i]) {
        return false;
      }
    }
    return true;
  }

  /** The region changed since the last call (inclusive pixel bounds), or null; clears it. */
  takeDirty(): { x0: number; y0: number; x1: number; y1: number } | null {
    const dirty = this.dirty;
    this.dirty = null;
    return dirty;
  }

  /**
   * Writes the region into RGBA pixels for display: background transparent, label n in `colours[n - 1]`, opaque.
   * `rgba` covers the whole map (width × height × 4).
   */
  paintRgba(rgba: Uint8ClampedArray, colours: readonly number[], region = { x0: 0, y0: 0, x1: this.width - 1, y1: this.height - 1 }): void {
    for (let y = region.y0; y <= region.y1; y++) {
      for (let x = region.x0; x <= region.x1; x++) {
        const i = y * this.width + x;
        const value = this.data[i];
        const o = i * 4;
        if (value === 0) {
          rgba[o] = rgba[o + 1] = rgba[o + 2] = rgba[o + 3] = 0;
        } else {
          const rgb = colours[value - 1] ?? 0;
          rgba[o] = rgb >> 16;
          rgba[o + 1] = (rgb >> 8) & 0xff;
          rgba[o + 2] = rgb & 0xff;
          rgba[o + 3] = 255;
        }
      }
    }
  }

  /**
   * A map read from RGBA pixels (an earlier mask): transparent or white pixels are background, a label colour its
   * label; a colour within a small distance of one label colour (a browser's colour correction) counts as it.
   * Other colours become background and are counted in `unknownPixels`.
   */
  static fromRgba(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number, colours: readonly number[]): { map: LabelMap; unknownPixels: number } {
    const map = new LabelMap(width, height);
    const exact = new Map<number, number>();
    colours.forEach((rgb, i) => exact.set(rgb, i + 1));
    let unknownPixels = 0;
    for (let i = 0; i < width * height; i++) {
      const o = i * 4;
      if (rgba[o + 3] === 0) {
        continue;
      }
      const rgb = (rgba[o] << 16) | (rgba[o + 1] << 8) | rgba[o + 2];
      if (rgb === 0xffffff) {
        continue;
      }
      let value = exact.get(rgb);
      if (value === undefined) {
        value = nearest(rgba[o], rgba[o + 1], rgba[o + 2], colours);
      }
      if (value === undefined) {
        unknownPixels++;
      } else {
        map.data[i] = value;
      }
    }
    return { map, unknownPixels };
  }

  private set(x: number, y: number, value: number): boolean {
    const i = y * this.width + x;
    if (this.data[i] === value) {
      return false;
    }
    this.data[i] = value;
    this.markDirty(x, y, x, y);
    return true;
  }

  private markDirty(x0: number, y0: number, x1: number, y1: number): void {
    const d = this.dirty;
    this.dirty = d ? { x0: Math.min(d.x0, x0), y0: Math.min(d.y0, y0), x1: Math.max(d.x1, x1), y1: Math.max(d.y1, y1) } : { x0, y0, x1, y1 };
  }
}

/** The label (index + 1) whose colour is within 12 per channel of (r, g, b), or undefined. */
function nearest(r: number, g: number, b: number, colours: readonly number[]): number | undefined {
  for (let i = 0; i < colours.length; i++) {
    const c = colours[i];
    if (Math.abs((c >> 16) - r) <= 12 && Math.abs(((c >> 8) & 0xff) - g) <= 12 && Math.abs((c & 0xff) - b) <= 12) {
      return i + 1;
    }
  }
  return undefined;
}
