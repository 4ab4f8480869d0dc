/** What the entity tool shows as characters, over the code-point offsets of src/core/code-points. */
import { codePointLength, toUtf16Offset } from '../core/code-points';

/** A run of the text the worker sees as one character, with its code-point range [start, end). */
export interface Grapheme {
  text: string;
  start: number;
  end: number;
}

/**
 * The text split into user-perceived characters (an emoji with modifiers, a letter with its combining accent),
 * so selections never split one; falls back to code points where Intl.Segmenter is missing.
 */
export function graphemes(text: string): Grapheme[] {
  const out: Grapheme[] = [];
  let point = 0;
  const Segmenter = (Intl as unknown as { Segmenter?: new (l?: string, o?: object) => { segment(t: string): Iterable<{ segment: string }> } }).Segmenter;
  const pieces: Iterable<string> = Segmenter
    ? Array.from(new Segmenter(undefined, { granularity: 'grapheme' }).segment(text), (s) => s.segment)
    : Array.from(text);
  for (const piece of pieces) {
    const length = codePointLength(piece);
    out.push({ text: piece, start: point, end: point + length });
    point += length;
  }
  return out;
}

/** The slice of `text` between two code-point offsets. */
export function sliceByCodePoints(text: string, start: number, end: number): string {
  return text.slice(toUtf16Offset(text, start), toUtf16Offset(text, end));
}
