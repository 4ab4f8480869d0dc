/** Entity spans of a text, placed by Ground Truth's code point offsets (see core/code-points). */

import { codePointLength, toUtf16Offset } from '../core/code-points';

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
    const length = codePointLength(text);
    const start = toUtf16Offset(text, Math.min(entity.startOffset, length));
    const end = toUtf16Offset(text, Math.min(entity.endOffset, length));
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
