/**
 * Ground Truth's NER offsets count Unicode code points; JavaScript strings index UTF-16 code units, where a
 * character outside the Basic Multilingual Plane (most emoji) takes two. These convert between the two.
 */

/** The UTF-16 index of code point offset `offset` in `text` (clamped to the text's end). */
export function codePointToUtf16(text: string, offset: number): number {
  let index = 0;
  let points = 0;
  while (points < offset && index < text.length) {
    const code = text.codePointAt(index)!;
    index += code > 0xffff ? 2 : 1;
    points++;
  }
  return index;
}

/** The code point offset of UTF-16 index `index` in `text` (an index inside a surrogate pair counts as its start). */
export function utf16ToCodePoint(text: string, index: number): number {
  let i = 0;
  let points = 0;
  while (i < index && i < text.length) {
    const code = text.codePointAt(i)!;
    i += code > 0xffff ? 2 : 1;
    if (i <= index) {
      points++;
    }
  }
  return points;
}

export interface Entity {
  label: string;
  /** Code point offsets; end is exclusive. */
  startOffset: number;
  endOffset: number;
  confidence?: number;
}

export interface TextSegment {
  text: string;
  entity?: Entity;
}

/**
 * The text cut into plain runs and entity spans, in order. Entities are placed by their code point offsets; ones
 * that are empty, out of range or overlap an earlier one are left out (the server refuses those anyway).
 */
export function segmentText(text: string, entities: readonly Entity[]): TextSegment[] {
  const sorted = [...entities].sort((a, b) => a.startOffset - b.startOffset || a.endOffset - b.endOffset);
  const segments: TextSegment[] = [];
  let cursor = 0;
  for (const entity of sorted) {
    const start = codePointToUtf16(text, entity.startOffset);
    const end = codePointToUtf16(text, entity.endOffset);
    if (end <= start || start < cursor) {
      continue;
    }
    if (start > cursor) {
      segments.push({ text: text.slice(cursor, start) });
    }
    segments.push({ text: text.slice(start, end), entity });
    cursor = end;
  }
  if (cursor < text.length) {
    segments.push({ text: text.slice(cursor) });
  }
  return segments;
}
