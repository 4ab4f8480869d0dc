import { describe, expect, it } from 'vitest';
import { LabelMap } from '../../src/worker/labelmap';
import { crc32, encodeIndexedPng, toBase64, zlibStored } from '../../src/worker/png';

/** A minimal PNG reader for what encodeIndexedPng writes: checks every CRC and returns size, palette and indices. */
async function decodeIndexedPng(png: Uint8Array) {
  expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let offset = 8;
  const chunks: Record<string, Uint8Array> = {};
  const order: string[] = [];
  while (offset < png.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...png.subarray(offset + 4, offset + 8));
    const body = png.subarray(offset + 8, offset + 8 + length);
    const crc = view.getUint32(offset + 8 + length);
    expect((crc32(png.subarray(offset + 4, offset + 8 + length)) ^ 0xffffffff) >>> 0).toBe(crc);
    chunks[type] = body;
    order.push(type);
    offset += 12 + length;
  }
  expect(order).toEqual(['IHDR', 'PLTE', 'IDAT', 'IEND']);
  const header = new DataView(chunks.IHDR.buffer, chunks.IHDR.byteOffset, 13);
  const width = header.getUint32(0);
  const height = header.getUint32(4);
  expect([chunks.IHDR[8], chunks.IHDR[9]]).toEqual([8, 3]);
  const raw = new Uint8Array(await new Response(new Blob([chunks.IDAT as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate'))).arrayBuffer());
  const indices = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width + 1)]).toBe(0);
    indices.set(raw.subarray(y * (width + 1) + 1, (y + 1) * (width + 1)), y * width);
  }
  const palette: number[] = [];
  for (let i = 0; i < chunks.PLTE.length; i += 3) {
    palette.push((chunks.PLTE[i] << 16) | (chunks.PLTE[i + 1] << 8) | chunks.PLTE[i + 2]);
  }
  return { width, height, palette, indices };
}

const rows = (map: LabelMap) => Array.from({ length: map.height }, (_, y) => Array.from({ length: map.width }, (_, x) => map.get(x, y)).join(''));

describe('label map rasteriser', () => {
  it('paints a brush dot as whole pixels of one value (no blending)', () => {
    const map = new LabelMap(7, 7);
    expect(map.paintLine({ x: 3.5, y: 3.5 }, { x: 3.5, y: 3.5 }, 1.5, 2)).toBe(true);
    expect(rows(map)).toEqual(['0000000', '0000000', '0022200', '0022200', '0022200', '0000000', '0000000']);
    expect(new Set(map.data)).toEqual(new Set([0, 2]));
  });

  it('paints a stroke between points and erases with 0', () => {
    const map = new LabelMap(8, 3);
    map.paintLine({ x: 0.5, y: 1.5 }, { x: 7.5, y: 1.5 }, 0.5, 1);
    expect(rows(map)).toEqual(['00000000', '11111111', '00000000']);
    map.paintLine({ x: 2.5, y: 1.5 }, { x: 3.5, y: 1.5 }, 0.5, 0);
    expect(rows(map)[1]).toBe('11001111');
  });

  it('fills a polygon by pixel centres and clips it to the image', () => {
    const map = new LabelMap(6, 5);
    map.fillPolygon([{ x: 1, y: 1 }, { x: 4, y: 1 }, { x: 4, y: 3 }, { x: 1, y: 3 }], 3);
    expect(rows(map)).toEqual(['000000', '033300', '033300', '000000', '000000']);
    map.fillPolygon([{ x: -5, y: -5 }, { x: 20, y: -5 }, { x: 20, y: 1 }, { x: -5, y: 1 }], 1);
    expect(rows(map)[0]).toBe('111111');
    expect(map.fillPolygon([{ x: 0, y: 0 }, { x: 1, y: 1 }], 1)).toBe(false);
  });

  it('undoes through snapshots and reports the changed region', () => {
    const map = new LabelMap(4, 4);
    const before = map.snapshot();
    map.takeDirty();
    map.paintLine({ x: 1.5, y: 2.5 }, { x: 1.5, y: 2.5 }, 0.5, 1);
    expect(map.takeDirty()).toEqual({ x0: 1, y0: 2, x1: 1, y1: 2 });
    expect(map.equals(before)).toBe(false);
    map.restore(before);
    expect(map.equals(before)).toBe(true);
  });

  it('reads an earlier mask from RGBA: white and transparent are background, near colours snap, others are counted', () => {
    const rgba = new Uint8ClampedArray([
      255, 255, 255, 255, // background
      0x1f, 0x77, 0xb4, 255, // label 1 exactly
      0xff, 0x7f, 0x10, 255, // label 2, slightly off
      9, 9, 9, 0, // transparent
      1, 200, 1, 255, // unknown
      0xff, 0x7f, 0x0e, 255,
    ]);
    const { map, unknownPixels } = LabelMap.fromRgba(rgba, 3, 2, [0x1f77b4, 0xff7f0e]);
    expect(Array.from(map.data)).toEqual([0, 1, 2, 0, 0, 2]);
    expect(unknownPixels).toBe(1);
  });

  it('writes RGBA for display with the background transparent', () => {
    const map = new LabelMap(2, 1, new Uint8Array([0, 2]));
    const rgba = new Uint8ClampedArray(8);
    map.paintRgba(rgba, [0x010203, 0xa0b0c0]);
    expect(Array.from(rgba)).toEqual([0, 0, 0, 0, 0xa0, 0xb0, 0xc0, 255]);
  });

  it('refuses a size that does not match its data', () => {
    expect(() => new LabelMap(2, 2, new Uint8Array(3))).toThrow(/2x2/);
    expect(() => new LabelMap(0, 2)).toThrow(RangeError);
  });
});

describe('mask PNG', () => {
  it('round-trips the class indices and palette at the natural size', async () => {
    const map = new LabelMap(5, 3);
    map.paintLine({ x: 0.5, y: 0.5 }, { x: 4.5, y: 0.5 }, 0.5, 1);
    map.fillPolygon([{ x: 2, y: 1 }, { x: 5, y: 1 }, { x: 5, y: 3 }, { x: 2, y: 3 }], 2);
    const png = await encodeIndexedPng(5, 3, map.data, [0xffffff, 0x1f77b4, 0xff7f0e]);
    const decoded = await decodeIndexedPng(png);
    expect(decoded.width).toBe(5);
    expect(decoded.height).toBe(3);
    expect(decoded.palette).toEqual([0xffffff, 0x1f77b4, 0xff7f0e]);
    expect(Array.from(decoded.indices)).toEqual(Array.from(map.data));
    expect(toBase64(png)).toMatch(/^iVBORw0KGgo/);
  });

  it('writes valid zlib without CompressionStream (stored blocks), across the 64 KiB block limit', async () => {
    const data = new Uint8Array(70_000).map((_, i) => i % 251);
    const zipped = zlibStored(data);
    const back = new Uint8Array(await new Response(new Blob([zipped as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate'))).arrayBuffer());
    expect(back).toEqual(data);
  });

  it('refuses mismatched sizes and oversized palettes', async () => {
    await expect(encodeIndexedPng(2, 2, new Uint8Array(3), [0])).rejects.toThrow(/2x2/);
    await expect(encodeIndexedPng(1, 1, new Uint8Array(1), new Array(257).fill(0))).rejects.toThrow(/256/);
  });
});
