/** Colours for labels: one per class index, distinct for the first ten, then by golden-angle hues. */
const PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#0fa3a3', '#d6338a', '#808000', '#9a6324', '#1a7f5a'];

export function labelColour(index: number): string {
  if (index >= 0 && index < PALETTE.length) {
    return PALETTE[index];
  }
  const hue = Math.round((Math.abs(index) * 137.508) % 360);
  return `hsl(${hue} 70% 42%)`;
}

/** The colour for a label name among `names` (its class index), or a stable one derived from the name. */
export function colourOfName(name: string, names: readonly string[]): string {
  const index = names.indexOf(name);
  if (index >= 0) {
    return labelColour(index);
  }
  let hash = 0;
  for (const char of name) {
    hash = (hash * 31 + char.codePointAt(0)!) | 0;
  }
  return labelColour(PALETTE.length + (Math.abs(hash) % 1000));
}
