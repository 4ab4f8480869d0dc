/**
 * Label colours, shared by the box and mask tools. Masks use the same fixed palette as the server's MaskPalette:
 * class index 0 is the white background, labels 1–10 take matplotlib's tab10, later ones golden-ratio hues.
 */

export const BACKGROUND_RGB = 0xffffff;

const TAB10 = [0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf];

/** java.awt.Color.HSBtoRGB, in float precision as Java computes it. */
function hsbToRgb(hue: number, saturation: number, brightness: number): number {
  const f32 = Math.fround;
  const h = f32(f32(hue - Math.floor(hue)) * 6);
  const frac = f32(h - Math.floor(h));
  const p = f32(brightness * f32(1 - saturation));
  const q = f32(brightness * f32(1 - f32(saturation * frac)));
  const t = f32(brightness * f32(1 - f32(saturation * f32(1 - frac))));
  const c = (v: number) => Math.trunc(f32(v * 255) + 0.5);
  const [r, g, b] = [
    [brightness, t, p],
    [q, brightness, p],
    [p, brightness, t],
    [p, q, brightness],
    [t, p, brightness],
    [brightness, p, q],
  ][Math.trunc(h) % 6];
  return (c(r) << 16) | (c(g) << 8) | c(b);
}

function buildPalette(): number[] {
  const colours = new Set<number>([BACKGROUND_RGB, ...TAB10]);
  for (let step = 0; colours.size <= 255; step++) {
    const hue = Math.fround((step * 0.6180339887498949) % 1.0);
    const saturation = step % 2 === 0 ? Math.fround(0.85) : Math.fround(0.55);
    const brightness = step % 3 === 0 ? Math.fround(0.95) : step % 3 === 1 ? Math.fround(0.75) : Math.fround(0.55);
    colours.add(hsbToRgb(hue, saturation, brightness));
  }
  return [...colours];
}

/** RGB per class index: 0 the background, then one per label. */
export const CLASS_PALETTE: readonly number[] = buildPalette();

export function toHex(rgb: number): string {
  return `#${rgb.toString(16).padStart(6, '0')}`;
}

export function parseHex(hex: string): number | null {
  return /^#[0-9a-f]{6}$/i.test(hex) ? parseInt(hex.slice(1), 16) : null;
}

/** The display colour of label `index` (boxes, entities, mask). */
export function labelColour(index: number): string {
  return toHex(CLASS_PALETTE[(index % 255) + 1]);
}

/**
 * One distinct RGB colour per label for a mask: the colour an earlier mask used for that label where there is
 * one (so an adjusted mask keeps its colours), else the palette's; never white, never shared.
 *
 * @param earlier label name to "#rrggbb", e.g. an adjustment task's initialValue.labelMappings
 */
export function maskColours(labels: readonly string[], earlier: Record<string, string> = {}): number[] {
  const used = new Set<number>([BACKGROUND_RGB]);
  const colours: Array<number | null> = labels.map((label) => {
    const rgb = earlier[label] !== undefined ? parseHex(earlier[label]) : null;
    if (rgb === null || used.has(rgb)) {
      return null;
    }
    used.add(rgb);
    return rgb;
  });
  let next = 1;
  return colours.map((rgb) => {
    if (rgb !== null) {
      return rgb;
    }
    while (used.has(CLASS_PALETTE[next % CLASS_PALETTE.length]) && next < 10_000) {
      next++;
    }
    const chosen = next < CLASS_PALETTE.length ? CLASS_PALETTE[next] : (0x010101 * next) & 0xfefefe;
    used.add(chosen);
    return chosen;
  });
}
