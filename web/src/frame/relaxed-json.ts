/**
 * Attribute values as Ground Truth's templates write them: JSON, or the looser JavaScript-literal form its docs use
 * (single-quoted strings, bare keys, trailing commas, // comments). Parsed as data, never evaluated.
 */
export function parseRelaxedJson(text: string): unknown {
  let i = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at character ${i} of ${JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text)}`);
  };
  const skip = () => {
    for (;;) {
      while (i < text.length && /\s/.test(text[i])) i++;
      if (text.startsWith('//', i)) {
        while (i < text.length && text[i] !== '\n') i++;
      } else if (text.startsWith('/*', i)) {
        const end = text.indexOf('*/', i + 2);
        i = end < 0 ? fail('an unclosed comment') : end + 2;
      } else {
        return;
      }
    }
  };
  const string = (): string => {
    const quote = text[i++];
    let out = '';
    while (i < text.length && text[i] !== quote) {
      if (text[i] === '\\') {
        const escape = text[i + 1];
        const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };
        if (escape === 'u') {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          out += simple[escape] ?? escape;
          i += 2;
        }
      } else {
        out += text[i++];
      }
    }
    if (i >= text.length) fail('an unclosed string');
    i++;
    return out;
  };
  const word = (): string => {
    const match = /^[A-Za-z_$][\w$-]*/.exec(text.slice(i));
    if (!match) fail('an unexpected character');
    i += match![0].length;
    return match![0];
  };
  const value = (): unknown => {
    skip();
    const c = text[i];
    if (c === '{') {
      i++;
      const out: Record<string, unknown> = {};
      for (skip(); text[i] !== '}'; skip()) {
        const key = text[i] === '"' || text[i] === "'" ? string() : /[\d.-]/.test(text[i] ?? '') ? String(number()) : word();
        skip();
        if (text[i++] !== ':') fail('a missing colon');
        Object.defineProperty(out, key, { value: value(), enumerable: true, writable: true, configurable: true });
        skip();
        if (text[i] === ',') i++;
        else if (text[i] !== '}') fail('a missing comma');
      }
      i++;
      return out;
    }
    if (c === '[') {
      i++;
      const out: unknown[] = [];
      for (skip(); text[i] !== ']'; skip()) {
        out.push(value());
        skip();
        if (text[i] === ',') i++;
        else if (text[i] !== ']') fail('a missing comma');
      }
      i++;
      return out;
    }
    if (c === '"' || c === "'") return string();
    if (/[\d.+-]/.test(c ?? '')) return number();
    const literal = word();
    const literals: Record<string, unknown> = { true: true, false: false, null: null };
    return literal in literals ? literals[literal] : fail(`an unknown word "${literal}"`);
  };
  const number = (): number => {
    const match = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match) fail('a malformed number');
    i += match![0].length;
    return Number(match![0]);
  };
  const result = value();
  skip();
  if (i < text.length) fail('text after the value');
  return result;
}
