import JSON5 from 'json5';

/**
 * Attribute values as Ground Truth's templates write them: JSON, or the looser JavaScript-literal form its docs use
 * (single-quoted strings, bare keys, trailing commas, comments) — JSON5, parsed as data, never evaluated.
 */
export function parseRelaxedJson(text: string): unknown {
  return JSON5.parse(text);
}
