/**
 * Text offsets. The server counts Unicode code points (Ground Truth's entity offsets); JavaScript strings index
 * UTF-16 code units, where a character outside the Basic Multilingual Plane (most emoji) takes two.
 */

/** The code-point offset of the UTF-16 index `utf16` in `text` (an index inside a surrogate pair counts the pair). */
export function toCodePointOffset(text: string, utf16: number): number {
  if (utf16 < 0 || utf16 > text.length) {
    throw new RangeError(`UTF-16 index ${utf16} is outside the text (length ${text.length})`);
  }
  let points = 0;
  for (let i = 0; i < utf16; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one starts a pair: count it once.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
      }
    }
    points++;
  }
  return points;
}

/** The UTF-16 index of the code-point offset `points` in `text`. */
export function toUtf16Offset(text: string, points: number): number {
  let index = 0;
  for (let p = 0; p < points; p++) {
    if (index >= text.length) {
      throw new RangeError(`code-point offset ${points} is past the end of the text (${codePointLength(text)} code points)`);
    }
    const code = text.codePointAt(index)!;
    index += code > 0xffff ? 2 : 1;
  }
  return index;
}

export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) {
    n++;
  }
  return n;
}
