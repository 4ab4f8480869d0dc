/**
 * The Liquid subset Ground Truth worker task templates use, rendered in the browser: `{{ expr | filter: arg }}` output
 * (autoescaped, as Ground Truth does), the tags if/elsif/else, unless, for (limit, offset, reversed, else), assign,
 * capture, comment and raw, and Ground Truth's filters (escape, escape_once, skip_autoescape, to_json,
 * grant_read_access) plus a few standard ones. Anything else is refused with a TemplateError naming it and its line,
 * so a template is either shown as written or not at all.
 */

/** A template Verity cannot render: what is wrong and on which line (1-based). */
export class TemplateError extends Error {
  readonly line: number;

  constructor(message: string, line: number) {
    super(`line ${line}: ${message}`);
    this.name = 'TemplateError';
    this.line = line;
  }
}

/** What a template sees: `task.input` is the pre-annotation Lambda's taskInput. */
export interface TemplateData {
  task: { input: unknown };
}

/** `s3://bucket/key` → a presigned https URL, for grant_read_access. */
export type ReadAccess = Readonly<Record<string, string>>;

/** Renders a Ground Truth worker template. @throws TemplateError for unsupported or malformed syntax */
export function renderTemplate(source: string, data: TemplateData, readAccess: ReadAccess = {}): string {
  const nodes = parse(tokenize(source));
  const scope = new Scope({ task: data.task });
  return renderNodes(nodes, scope, readAccess);
}

// ---------------------------------------------------------------------------------------------------------------
// Tokens: text, {{ output }} and {% tag %}, with whitespace control and raw/comment bodies taken verbatim.

type Token =
  | { kind: 'text'; value: string; line: number }
  | { kind: 'output'; markup: string; line: number }
  | { kind: 'tag'; name: string; markup: string; line: number };

const OPENER = /\{\{|\{%/g;

/** Line numbers for offsets asked in increasing order, counted once. */
function lineCounter(source: string): (offset: number) => number {
  let line = 1;
  let counted = 0;
  return (offset) => {
    for (; counted < offset; counted++) {
      if (source.charCodeAt(counted) === 10) line++;
    }
    return line;
  };
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const lineAt = lineCounter(source);
  let at = 0;
  let trimNextText = false;
  const pushText = (value: string, offset: number) => {
    const text = trimNextText ? value.replace(/^\s+/, '') : value;
    trimNextText = false;
    if (text) tokens.push({ kind: 'text', value: text, line: lineAt(offset) });
  };
  const trimPreviousText = () => {
    const last = tokens[tokens.length - 1];
    if (last?.kind === 'text') {
      last.value = last.value.replace(/\s+$/, '');
      if (!last.value) tokens.pop();
    }
  };

  for (;;) {
    OPENER.lastIndex = at;
    const open = OPENER.exec(source);
    if (!open) {
      pushText(source.slice(at), at);
      return tokens;
    }
    const start = open.index;
    pushText(source.slice(at, start), at);
    const line = lineAt(start);
    const isOutput = open[0] === '{{';
    const closer = isOutput ? '}}' : '%}';
    const end = source.indexOf(closer, start + 2);
    if (end === -1) {
      throw new TemplateError(`"${open[0]}" is never closed with "${closer}"`, line);
    }
    let inner = source.slice(start + 2, end);
    if (inner.startsWith('-')) {
      inner = inner.slice(1);
      trimPreviousText();
    }
    if (inner.endsWith('-')) {
      inner = inner.slice(0, -1);
      trimNextText = true;
    }
    at = end + 2;
    if (isOutput) {
      tokens.push({ kind: 'output', markup: inner.trim(), line });
      continue;
    }
    const match = /^\s*(#|[A-Za-z_]\w*)?\s*([\s\S]*?)\s*$/.exec(inner)!;
    const name = match[1];
    if (!name) {
      throw new TemplateError(`empty tag "{%${inner}%}"`, line);
    }
    if (name === '#') {
      continue; // an inline comment: {% # note %}
    }
    if (name === 'raw' || name === 'comment') {
      // The body is not Liquid: find the closing tag literally.
      const closing = new RegExp(`\\{%(-?)\\s*end${name}\\s*(-?)%\\}`, 'g');
      closing.lastIndex = at;
      const close = closing.exec(source);
      if (!close) {
        throw new TemplateError(`{% ${name} %} is never closed with {% end${name} %}`, line);
      }
      let body = source.slice(at, close.index);
      if (trimNextText) body = body.replace(/^\s+/, '');
      trimNextText = false;
      if (close[1]) body = body.replace(/\s+$/, '');
      if (name === 'raw' && body) tokens.push({ kind: 'text', value: body, line });
      at = close.index + close[0].length;
      trimNextText = close[2] === '-';
      continue;
    }
    tokens.push({ kind: 'tag', name, markup: match[2], line });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Expressions: literals, variable paths (a.b[0]["c"]), ranges (1..n), filters and conditions.

type Expr =
  | { k: 'lit'; value: unknown }
  | { k: 'path'; head: string; parts: Array<string | Expr> }
  | { k: 'range'; from: Expr; to: Expr };

interface Filter {
  name: string;
  args: Expr[];
}

interface Filtered {
  expr: Expr;
  filters: Filter[];
}

type Condition = { k: 'test'; left: Expr; op?: string; right?: Expr } | { k: 'and' | 'or'; left: Condition; right: Condition };

interface Lexeme {
  t: 'str' | 'num' | 'id' | 'op' | 'punct';
  v: string;
}

const LEXEME =
  /\s*(?:"([^"]*)"|'([^']*)'|(-?\d+(?:\.\d+)?)|(==|!=|<>|<=|>=|<|>)|(\.\.|[.[\]()|:,=])|([A-Za-z_][\w-]*\??))/y;

function lex(markup: string, line: number, what: string): Lexeme[] {
  const out: Lexeme[] = [];
  let at = 0;
  while (at < markup.length) {
    if (/^\s*$/.test(markup.slice(at))) break;
    LEXEME.lastIndex = at;
    const m = LEXEME.exec(markup);
    if (!m) {
      throw new TemplateError(`cannot read "${markup.slice(at).trim()}" in ${what}`, line);
    }
    at = LEXEME.lastIndex;
    if (m[1] !== undefined || m[2] !== undefined) out.push({ t: 'str', v: m[1] ?? m[2] });
    else if (m[3] !== undefined) out.push({ t: 'num', v: m[3] });
    else if (m[4] !== undefined) out.push({ t: 'op', v: m[4] });
    else if (m[5] !== undefined) out.push({ t: 'punct', v: m[5] });
    else out.push({ t: 'id', v: m[6] });
  }
  return out;
}

/** The filters a template may use: how many arguments each takes. */
const FILTER_ARITY: Record<string, [number, number]> = {
  escape: [0, 0],
  escape_once: [0, 0],
  skip_autoescape: [0, 0],
  to_json: [0, 0],
  grant_read_access: [0, 0],
  default: [1, 1],
  size: [0, 0],
  upcase: [0, 0],
  downcase: [0, 0],
  join: [0, 1],
  first: [0, 0],
  last: [0, 0],
};

/** Filters after which the output is taken as HTML already, so autoescape leaves it alone. */
const ESCAPING_FILTERS = new Set(['escape', 'escape_once', 'skip_autoescape']);

const EMPTY = Symbol('empty');
const BLANK = Symbol('blank');

class ExprParser {
  private at = 0;

  constructor(
    private readonly items: Lexeme[],
    private readonly line: number,
    private readonly what: string,
  ) {}

  get done(): boolean {
    return this.at >= this.items.length;
  }

  peek(): Lexeme | undefined {
    return this.items[this.at];
  }

  fail(message: string): never {
    throw new TemplateError(`${message} in ${this.what}`, this.line);
  }

  accept(t: Lexeme['t'], v?: string): Lexeme | null {
    const next = this.items[this.at];
    if (next && next.t === t && (v === undefined || next.v === v)) {
      this.at++;
      return next;
    }
    return null;
  }

  expect(t: Lexeme['t'], v: string | undefined, description: string): Lexeme {
    const got = this.accept(t, v);
    if (!got) {
      const next = this.peek();
      this.fail(next ? `expected ${description} but found "${next.v}"` : `expected ${description}`);
    }
    return got;
  }

  end(): void {
    if (!this.done) this.fail(`unexpected "${this.peek()!.v}"`);
  }

  expr(): Expr {
    const next = this.peek();
    if (!next) this.fail('expected a value');
    if (this.accept('str')) return { k: 'lit', value: next.v };
    if (this.accept('num')) return { k: 'lit', value: Number(next.v) };
    if (this.accept('punct', '(')) {
      const from = this.expr();
      this.expect('punct', '..', '".." in a range');
      const to = this.expr();
      this.expect('punct', ')', '")" closing the range');
      return { k: 'range', from, to };
    }
    if (next.t !== 'id') this.fail(`expected a value but found "${next.v}"`);
    this.at++;
    switch (next.v) {
      case 'true':
        return { k: 'lit', value: true };
      case 'false':
        return { k: 'lit', value: false };
      case 'nil':
      case 'null':
        return { k: 'lit', value: null };
      case 'empty':
        return { k: 'lit', value: EMPTY };
      case 'blank':
        return { k: 'lit', value: BLANK };
    }
    const parts: Array<string | Expr> = [];
    for (;;) {
      if (this.accept('punct', '.')) {
        parts.push(this.expect('id', undefined, 'a property name after "."').v);
      } else if (this.accept('punct', '[')) {
        parts.push(this.expr());
        this.expect('punct', ']', '"]"');
      } else {
        return { k: 'path', head: next.v, parts };
      }
    }
  }

  filtered(): Filtered {
    const expr = this.expr();
    const filters: Filter[] = [];
    while (this.accept('punct', '|')) {
      const name = this.expect('id', undefined, 'a filter name after "|"').v;
      const arity = FILTER_ARITY[name];
      if (!arity) this.fail(`unsupported filter "${name}"`);
      const args: Expr[] = [];
      if (this.accept('punct', ':')) {
        do {
          args.push(this.expr());
        } while (this.accept('punct', ','));
      }
      if (args.length < arity[0] || args.length > arity[1]) {
        this.fail(`filter "${name}" takes ${arity[0] === arity[1] ? arity[0] : `${arity[0]} to ${arity[1]}`} argument${arity[1] === 1 ? '' : 's'}, not ${args.length}`);
      }
      filters.push({ name, args });
    }
    return { expr, filters };
  }

  /** Comparisons joined by and/or, which Liquid groups from the right: a or b and c = a or (b and c). */
  condition(): Condition {
    const left = this.expr();
    let test: Condition = { k: 'test', left };
    const op = this.accept('op') ?? this.accept('id', 'contains');
    if (op) {
      test = { k: 'test', left, op: op.v, right: this.expr() };
    }
    const join = this.accept('id', 'and') ?? this.accept('id', 'or');
    if (join) {
      return { k: join.v as 'and' | 'or', left: test, right: this.condition() };
    }
    return test;
  }
}

function parseFiltered(markup: string, line: number, what: string): Filtered {
  const p = new ExprParser(lex(markup, line, what), line, what);
  if (p.done) p.fail('expected a value');
  const filtered = p.filtered();
  p.end();
  return filtered;
}

function parseCondition(markup: string, line: number, what: string): Condition {
  const p = new ExprParser(lex(markup, line, what), line, what);
  if (p.done) p.fail('expected a condition');
  const condition = p.condition();
  p.end();
  return condition;
}

// ---------------------------------------------------------------------------------------------------------------
// Nodes: the template as a tree.

type Node =
  | { k: 'text'; value: string }
  | { k: 'output'; value: Filtered; line: number }
  | { k: 'if'; branches: Array<{ condition: Condition; negate: boolean; body: Node[] }>; otherwise: Node[] }
  | { k: 'for'; variable: string; collection: Expr; limit?: Expr; offset?: Expr; reversed: boolean; body: Node[]; otherwise: Node[]; line: number }
  | { k: 'assign'; name: string; value: Filtered }
  | { k: 'capture'; name: string; body: Node[] };

const BLOCK_ENDS: Record<string, string> = { if: 'endif', unless: 'endunless', for: 'endfor', capture: 'endcapture' };

function parse(tokens: Token[]): Node[] {
  let at = 0;

  /** Nodes up to one of `stops` (returned, consumed) or the end of the template when `opener` is null. */
  function block(stops: string[], opener: { name: string; line: number } | null): { nodes: Node[]; stop: Token & { kind: 'tag' } | null } {
    const nodes: Node[] = [];
    while (at < tokens.length) {
      const token = tokens[at++];
      if (token.kind === 'text') {
        nodes.push({ k: 'text', value: token.value });
        continue;
      }
      if (token.kind === 'output') {
        nodes.push({ k: 'output', value: parseFiltered(token.markup, token.line, `{{ ${token.markup} }}`), line: token.line });
        continue;
      }
      if (stops.includes(token.name)) {
        return { nodes, stop: token };
      }
      nodes.push(tag(token));
    }
    if (opener) {
      throw new TemplateError(`{% ${opener.name} %} is never closed with {% ${BLOCK_ENDS[opener.name]} %}`, opener.line);
    }
    return { nodes, stop: null };
  }

  function tag(token: Token & { kind: 'tag' }): Node {
    const { name, markup, line } = token;
    const what = `{% ${name}${markup ? ` ${markup}` : ''} %}`;
    switch (name) {
      case 'if':
      case 'unless': {
        const end = BLOCK_ENDS[name];
        const branches: Array<{ condition: Condition; negate: boolean; body: Node[] }> = [];
        let condition = parseCondition(markup, line, what);
        let negate = name === 'unless';
        for (;;) {
          const { nodes, stop } = block(['elsif', 'else', end], { name, line });
          branches.push({ condition, negate, body: nodes });
          if (stop!.name === end) return { k: 'if', branches, otherwise: [] };
          if (stop!.name === 'else') {
            if (stop!.markup) throw new TemplateError(`{% else %} takes nothing, not "${stop!.markup}"`, stop!.line);
            const rest = block([end], { name, line });
            return { k: 'if', branches, otherwise: rest.nodes };
          }
          condition = parseCondition(stop!.markup, stop!.line, `{% elsif ${stop!.markup} %}`);
          negate = false;
        }
      }
      case 'for': {
        const p = new ExprParser(lex(markup, line, what), line, what);
        const variable = p.expect('id', undefined, 'a loop variable').v;
        p.expect('id', 'in', '"in"');
        const collection = p.expr();
        let limit: Expr | undefined;
        let offset: Expr | undefined;
        let reversed = false;
        while (!p.done) {
          const option = p.expect('id', undefined, 'limit:, offset: or reversed').v;
          if (option === 'reversed') {
            reversed = true;
          } else if (option === 'limit' || option === 'offset') {
            p.expect('punct', ':', `":" after ${option}`);
            if (option === 'limit') limit = p.expr();
            else offset = p.expr();
          } else {
            p.fail(`unsupported for-loop option "${option}"`);
          }
        }
        const { nodes, stop } = block(['else', 'endfor'], { name, line });
        const otherwise = stop!.name === 'else' ? block(['endfor'], { name, line }).nodes : [];
        return { k: 'for', variable, collection, limit, offset, reversed, body: nodes, otherwise, line };
      }
      case 'assign': {
        const m = /^([A-Za-z_][\w-]*)\s*=\s*([\s\S]+)$/.exec(markup);
        if (!m) throw new TemplateError(`expected "{% assign name = value %}" but found ${what}`, line);
        return { k: 'assign', name: m[1], value: parseFiltered(m[2], line, what) };
      }
      case 'capture': {
        const m = /^(?:([A-Za-z_][\w-]*)|"([^"]*)"|'([^']*)')$/.exec(markup);
        if (!m) throw new TemplateError(`expected "{% capture name %}" but found ${what}`, line);
        const body = block(['endcapture'], { name, line }).nodes;
        return { k: 'capture', name: m[1] ?? m[2] ?? m[3], body };
      }
      default:
        if (/^(end\w+|else|elsif)$/.test(name)) {
          throw new TemplateError(`{% ${name} %} without a matching opening tag`, line);
        }
        throw new TemplateError(`unsupported tag {% ${name} %}`, line);
    }
  }

  return block([], null).nodes;
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering.

/** Rendered HTML from a capture: output as it is, not escaped again. */
class SafeHtml {
  constructor(readonly html: string) {}
}

class Scope {
  /** Innermost last; assign and capture write to the outermost, as in Liquid. */
  private readonly frames: Array<Record<string, unknown>>;

  constructor(root: Record<string, unknown>) {
    this.frames = [Object.assign(Object.create(null) as Record<string, unknown>, root)];
  }

  get(name: string): unknown {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      if (Object.prototype.hasOwnProperty.call(this.frames[i], name)) return this.frames[i][name];
    }
    return undefined;
  }

  set(name: string, value: unknown): void {
    this.frames[0][name] = value;
  }

  push(frame: Record<string, unknown>): void {
    this.frames.push(frame);
  }

  pop(): void {
    this.frames.pop();
  }
}

const MAX_RANGE = 100_000;

function plain(value: unknown): unknown {
  return value instanceof SafeHtml ? value.html : value;
}

function property(value: unknown, key: unknown): unknown {
  value = plain(value);
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    if (typeof key === 'number' && Number.isInteger(key)) return value[key < 0 ? value.length + key : key];
    if (key === 'size') return value.length;
    if (key === 'first') return value[0];
    if (key === 'last') return value[value.length - 1];
    return undefined;
  }
  if (typeof value === 'string') {
    return key === 'size' ? value.length : undefined;
  }
  if (typeof value === 'object') {
    const name = String(key);
    // Own properties only: a template must not reach constructor or __proto__.
    if (Object.prototype.hasOwnProperty.call(value, name)) return (value as Record<string, unknown>)[name];
    if (name === 'size') return Object.keys(value).length;
  }
  return undefined;
}

function evaluate(expr: Expr, scope: Scope): unknown {
  switch (expr.k) {
    case 'lit':
      return expr.value;
    case 'range': {
      const from = Math.trunc(Number(plain(evaluate(expr.from, scope))));
      const to = Math.trunc(Number(plain(evaluate(expr.to, scope))));
      if (!Number.isFinite(from) || !Number.isFinite(to) || to < from) return [];
      if (to - from >= MAX_RANGE) return Array.from({ length: MAX_RANGE }, (_, i) => from + i);
      return Array.from({ length: to - from + 1 }, (_, i) => from + i);
    }
    case 'path': {
      let value = scope.get(expr.head);
      for (const part of expr.parts) {
        value = property(value, typeof part === 'string' ? part : plain(evaluate(part, scope)));
      }
      return value;
    }
  }
}

/** How Liquid prints a value: nil as nothing, arrays run together, objects (not printable in Liquid) as JSON. */
function text(value: unknown): string {
  value = plain(value);
  if (value === null || value === undefined || value === EMPTY || value === BLANK) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(text).join('');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function escapeOnce(value: string): string {
  return value
    .replace(/&(?!(?:[A-Za-z][A-Za-z0-9]*|#\d+|#x[0-9A-Fa-f]+);)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function isEmpty(value: unknown): boolean {
  if (value === '' || (Array.isArray(value) && value.length === 0)) return true;
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;
}

function applyFilter(name: string, input: unknown, args: unknown[], readAccess: ReadAccess): unknown {
  const value = plain(input);
  switch (name) {
    case 'escape':
      return escapeHtml(text(value));
    case 'escape_once':
      return escapeOnce(text(value));
    case 'skip_autoescape':
      return value;
    case 'to_json':
      return JSON.stringify(value === undefined || value === EMPTY || value === BLANK ? null : value);
    case 'grant_read_access': {
      const uri = text(value).trim();
      if (/^s3:\/\//i.test(uri)) return Object.prototype.hasOwnProperty.call(readAccess, uri) ? readAccess[uri] : '';
      // Already readable (the server may presign taskInput itself); anything else is no URL at all.
      return /^https?:\/\//i.test(uri) ? uri : '';
    }
    case 'default':
      return value === null || value === undefined || value === false || isEmpty(value) ? args[0] : value;
    case 'size':
      if (typeof value === 'string' || Array.isArray(value)) return value.length;
      return value !== null && typeof value === 'object' ? Object.keys(value).length : 0;
    case 'upcase':
      return text(value).toUpperCase();
    case 'downcase':
      return text(value).toLowerCase();
    case 'join':
      return Array.isArray(value) ? value.map(text).join(args.length ? text(args[0]) : ' ') : text(value);
    case 'first':
      return Array.isArray(value) ? value[0] : typeof value === 'string' ? value.charAt(0) : undefined;
    case 'last':
      return Array.isArray(value) ? value[value.length - 1] : typeof value === 'string' ? value.charAt(value.length - 1) : undefined;
  }
  throw new Error(`unsupported filter "${name}"`); // parse() admits only the filters above
}

function applyFiltered(filtered: Filtered, scope: Scope, readAccess: ReadAccess): unknown {
  let value = evaluate(filtered.expr, scope);
  for (const filter of filtered.filters) {
    value = applyFilter(filter.name, value, filter.args.map((a) => plain(evaluate(a, scope))), readAccess);
  }
  return value;
}

function equal(a: unknown, b: unknown): boolean {
  a = plain(a);
  b = plain(b);
  if (a === EMPTY || b === EMPTY) return isEmpty(a === EMPTY ? b : a);
  if (a === BLANK || b === BLANK) {
    const other = a === BLANK ? b : a;
    return other === null || other === undefined || other === false || isEmpty(other) || (typeof other === 'string' && other.trim() === '');
  }
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

function compare(op: string, a: unknown, b: unknown): boolean {
  a = plain(a);
  b = plain(b);
  switch (op) {
    case '==':
      return equal(a, b);
    case '!=':
    case '<>':
      return !equal(a, b);
    case 'contains':
      if (typeof a === 'string') return b !== null && b !== undefined && a.includes(text(b));
      if (Array.isArray(a)) return a.some((item) => equal(item, b));
      if (a !== null && typeof a === 'object') return Object.prototype.hasOwnProperty.call(a, text(b));
      return false;
  }
  // Ordering only between two numbers or two strings; Liquid errors on anything else, here it is just false.
  if (!((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string'))) return false;
  switch (op) {
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
  }
  return false;
}

function truthy(value: unknown): boolean {
  return value !== null && value !== undefined && value !== false;
}

function test(condition: Condition, scope: Scope): boolean {
  switch (condition.k) {
    case 'and':
      return test(condition.left, scope) && test(condition.right, scope);
    case 'or':
      return test(condition.left, scope) || test(condition.right, scope);
    case 'test': {
      const left = evaluate(condition.left, scope);
      return condition.op ? compare(condition.op, left, evaluate(condition.right!, scope)) : truthy(plain(left));
    }
  }
}

function loopItems(collection: unknown): unknown[] {
  collection = plain(collection);
  if (Array.isArray(collection)) return collection;
  if (typeof collection === 'string') return collection ? [collection] : [];
  if (collection !== null && typeof collection === 'object') return Object.entries(collection);
  return [];
}

function count(expr: Expr | undefined, scope: Scope, fallback: number): number {
  if (!expr) return fallback;
  const n = Number(plain(evaluate(expr, scope)));
  return Number.isFinite(n) ? Math.max(0, Math.trunc(n)) : fallback;
}

function renderNodes(nodes: Node[], scope: Scope, readAccess: ReadAccess): string {
  let out = '';
  for (const node of nodes) {
    switch (node.k) {
      case 'text':
        out += node.value;
        break;
      case 'output': {
        const value = applyFiltered(node.value, scope, readAccess);
        const escaped = value instanceof SafeHtml || node.value.filters.some((f) => ESCAPING_FILTERS.has(f.name));
        out += escaped ? text(value) : escapeHtml(text(value));
        break;
      }
      case 'if': {
        const branch = node.branches.find((b) => test(b.condition, scope) !== b.negate);
        out += renderNodes(branch ? branch.body : node.otherwise, scope, readAccess);
        break;
      }
      case 'for': {
        let items = loopItems(evaluate(node.collection, scope));
        const offset = count(node.offset, scope, 0);
        items = items.slice(offset, offset + count(node.limit, scope, items.length));
        if (node.reversed) items = [...items].reverse();
        if (items.length === 0) {
          out += renderNodes(node.otherwise, scope, readAccess);
          break;
        }
        const length = items.length;
        items.forEach((item, i) => {
          const forloop = { index: i + 1, index0: i, first: i === 0, last: i === length - 1, length, rindex: length - i, rindex0: length - i - 1 };
          scope.push({ [node.variable]: item, forloop });
          try {
            out += renderNodes(node.body, scope, readAccess);
          } finally {
            scope.pop();
          }
        });
        break;
      }
      case 'assign':
        scope.set(node.name, applyFiltered(node.value, scope, readAccess));
        break;
      case 'capture':
        scope.set(node.name, new SafeHtml(renderNodes(node.body, scope, readAccess)));
        break;
    }
  }
  return out;
}
