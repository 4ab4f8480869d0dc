/**
 * Encodes a mask as an indexed (palette) PNG: each pixel byte is its class index and the palette maps it to the
 * background white or a label colour, so the file holds exactly those colours whatever the browser's canvas does.
 * The server reads it as RGB through the palette.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array, crc = 0xffffffff): number {
  let c = crc;
  for (let i = 0; i < bytes.length; i++) {
    c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  }
  return c;
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length; i++) {
    a = (a + bytes[i]) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** zlib with stored (uncompressed) blocks: valid everywhere, for browsers without CompressionStream. */
export function zlibStored(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / 65535));
  const out = new Uint8Array(2 + blocks * 5 + data.length + 4);
  out[0] = 0x78;
  out[1] = 0x01;
  let o = 2;
  for (let b = 0; b < blocks; b++) {
    const start = b * 65535;
    const length = Math.min(65535, data.length - start);
    out[o++] = b === blocks - 1 ? 1 : 0;
    out[o++] = length & 0xff;
    out[o++] = length >> 8;
    out[o++] = ~length & 0xff;
    out[o++] = (~length >> 8) & 0xff;
    out.set(data.subarray(start, start + length), o);
    o += length;
  }
  new DataView(out.buffer).setUint32(o, adler32(data));
  return out;
}

async function zlib(data: Uint8Array): Promise<Uint8Array> {
  if (typeof CompressionStream === 'undefined') {
    return zlibStored(data);
  }
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.length);
  for (let i = 0; i < 4; i++) {
    out[4 + i] = type.charCodeAt(i);
  }
  out.set(body, 8);
  view.setUint32(8 + body.length, (crc32(out.subarray(4, 8 + body.length)) ^ 0xffffffff) >>> 0);
  return out;
}

/**
 * @param indices one palette index per pixel, row by row
 * @param palette RGB colour per index (at most 256); every index used must have one
 */
export async function encodeIndexedPng(width: number, height: number, indices: Uint8Array, palette: readonly number[]): Promise<Uint8Array> {
  if (indices.length !== width * height) {
    throw new RangeError(`${indices.length} pixels for a ${width}x${height} image`);
  }
  if (palette.length < 1 || palette.length > 256) {
    throw new RangeError(`a PNG palette holds 1 to 256 colours, not ${palette.length}`);
  }
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  header[8] = 8; // bits per index
  header[9] = 3; // colour type: palette
  const plte = new Uint8Array(palette.length * 3);
  palette.forEach((rgb, i) => {
    plte[i * 3] = rgb >> 16;
    plte[i * 3 + 1] = (rgb >> 8) & 0xff;
    plte[i * 3 + 2] = rgb & 0xff;
  });
  // Each row is preceded by its filter type, 0 (none): class indices compress well as they are.
  const raw = new Uint8Array(height * (width + 1));
  for (let y = 0; y < height; y++) {
    raw.set(indices.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  }
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('PLTE', plte),
    chunk('IDAT', await zlib(raw)),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const part of parts) {
    out.set(part, o);
    o += part.length;
  }
  return out;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
