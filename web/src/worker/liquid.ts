/**
 * Ground Truth worker task templates, rendered in the browser by liquidjs: the standard Liquid tags and filters, with
 * output autoescaped and Ground Truth's filters (escape, escape_once, skip_autoescape, to_json, grant_read_access) on
 * top. include, render and layout are refused (a template has no files to read), as are unknown filters and malformed
 * syntax, with a TemplateError naming the problem and its line, so a template is either shown as written or not at all.
 */
import { AssertionError, CaptureTag, Drop, Liquid, LiquidError, Tag, Value, defaultOperators, toValue } from 'liquidjs';
import type { Context, Emitter, FilterImplOptions, Operators, TagToken, TopLevelToken } from 'liquidjs';

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

/**
 * Bounds on one render, so a hostile template cannot hang the worker's browser: Ground Truth caps a template at
 * 128,000 characters, a render gets a second, and strings, arrays and ranges built while rendering 10M units in all.
 */
const LIMITS = { parseLimit: 1_000_000, renderLimit: 1_000, memoryLimit: 10_000_000 };

/** Renders a Ground Truth worker template. @throws TemplateError for unsupported or malformed syntax, or a limit hit */
export function renderTemplate(source: string, data: TemplateData, readAccess: ReadAccess = {}): string {
  try {
    return engine(readAccess).parseAndRenderSync(source, { task: data.task });
  } catch (e) {
    if (LiquidError.is(e)) throw templateError(e as LiquidError);
    // The one limit liquidjs checks before it has a token: the template's length.
    if (e instanceof AssertionError) throw new TemplateError(e.message, 1);
    throw e;
  }
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** escapeHtml, leaving alone entities already there (any named or numeric one, not only those escapeHtml writes). */
function escapeOnce(value: string): string {
  return escapeHtml(value).replace(/&amp;((?:[A-Za-z][A-Za-z0-9]*|#\d+|#x[0-9A-Fa-f]+);)/g, '&$1');
}

/**
 * A value autoescape leaves alone: the result of escape, escape_once or skip_autoescape, or a capture's rendered
 * (already escaped) HTML. Filters see the value inside (liquidjs unwraps a Drop through valueOf), so one applied after
 * these yields a plain value, escaped again on output.
 */
class SafeHtml extends Drop {
  constructor(readonly value: unknown) {
    super();
  }

  valueOf(): unknown {
    return this.value;
  }

  /** Property reads (`captured.size`) go to the value too, not to this object's methods. */
  toLiquid(): unknown {
    return this.value;
  }
}

/** How a value prints: nil as nothing, arrays run together, objects (which Liquid cannot print) as JSON. */
function text(value: unknown): string {
  value = toValue(value);
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(text).join('');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Output autoescape: everything is HTML-escaped but SafeHtml. */
function autoescape(value: unknown): string {
  return value instanceof SafeHtml ? text(value.value) : escapeHtml(text(value));
}

/** capture keeps its output as SafeHtml: it was escaped as it rendered, and is not escaped again when printed. */
class SafeCaptureTag extends CaptureTag {
  *render(ctx: Context): Generator<unknown, void, string> {
    const html: string = yield this.liquid.renderer.renderTemplates(this.templates, ctx);
    ctx.bottom()[this.variable] = new SafeHtml(html);
  }
}

/**
 * echo as `{{ }}`: liquidjs' own echo unwraps the value before escaping it, which would escape SafeHtml again
 * (`{% echo x | skip_autoescape %}` would not skip it).
 */
class SafeEchoTag extends Tag {
  private readonly value?: Value;

  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid);
    this.tokenizer.skipBlank();
    if (!this.tokenizer.end()) this.value = new Value(this.tokenizer.readFilteredValue(), liquid);
  }

  *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    if (this.value) emitter.write(autoescape(yield this.value.value(ctx, false)));
  }
}

/** include, render and layout read other template files, which a worker template does not have. */
class FileTagRefused extends Tag {
  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid);
    throw new Error(`unsupported tag {% ${token.name} %}: a worker template cannot read other files`);
  }

  render(): void {}
}

/** Orders only two numbers or two strings, as Liquid does (it errors on others; here the test is just false). */
function ordering(op: '<' | '>' | '<=' | '>='): Operators[string] {
  return (left: unknown, right: unknown, ctx: Context) => {
    const a = toValue(left);
    const b = toValue(right);
    const comparable = (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
    return comparable ? defaultOperators[op](a, b, ctx) : false;
  };
}

/** An engine for one render: grant_read_access reads this task's presigned URLs. */
function engine(readAccess: ReadAccess): Liquid {
  const liquid = new Liquid({
    ...LIMITS,
    strictFilters: true,
    // Ground Truth renders templates on its servers; UTC keeps `date` the same for every worker.
    timezoneOffset: 0,
    outputEscape: autoescape,
    operators: {
      ...defaultOperators,
      '<': ordering('<'),
      '>': ordering('>'),
      '<=': ordering('<='),
      '>=': ordering('>='),
      // An object contains its keys, as a Ruby hash does (liquidjs looks only into strings and arrays).
      contains: (left: unknown, right: unknown, ctx: Context) => {
        const a = toValue(left);
        if (a !== null && typeof a === 'object' && !Array.isArray(a)) return Object.prototype.hasOwnProperty.call(a, text(right));
        return defaultOperators.contains(a, right, ctx);
      },
    },
  });
  // liquidjs' own `raw` filter would be a second, undocumented way around autoescape: skip_autoescape is Ground Truth's.
  delete liquid.filters.raw;
  liquid.registerTag('capture', SafeCaptureTag);
  liquid.registerTag('echo', SafeEchoTag);
  for (const name of ['include', 'render', 'layout']) liquid.registerTag(name, FileTagRefused);

  const filters: Record<string, FilterImplOptions> = {
    escape: (value: unknown) => new SafeHtml(escapeHtml(text(value))),
    escape_once: (value: unknown) => new SafeHtml(escapeOnce(text(value))),
    skip_autoescape: (value: unknown) => new SafeHtml(toValue(value)),
    // Autoescaped like any output, so it can stand in an attribute (categories='{{ labels | to_json }}'), which the
    // browser unescapes back to JSON; `| skip_autoescape` writes it raw, for a script.
    to_json: (value: unknown) => JSON.stringify(toValue(value) ?? null),
    // The number of keys of an object too, as for a Ruby hash (liquidjs gives 0).
    size: (value: unknown) => {
      const v = toValue(value);
      if (typeof v === 'string' || Array.isArray(v)) return v.length;
      return v !== null && typeof v === 'object' ? Object.keys(v).length : 0;
    },
    grant_read_access: (value: unknown) => {
      const uri = text(value).trim();
      if (/^s3:\/\//i.test(uri)) return Object.prototype.hasOwnProperty.call(readAccess, uri) ? readAccess[uri] : '';
      // Already readable (the server may presign taskInput itself); anything else is no URL at all.
      return /^https?:\/\//i.test(uri) ? uri : '';
    },
  };
  for (const [name, filter] of Object.entries(filters)) liquid.registerFilter(name, filter);
  return liquid;
}

function templateError(e: LiquidError): TemplateError {
  const token = (e as unknown as { token?: { getPosition(): number[] } }).token;
  // liquidjs appends ", line:L, col:C" (and a file) to its message; the line is TemplateError's own.
  const message = e.message.replace(/(, file:.*)?, line:\d+, col:\d+$/, '');
  return new TemplateError(message, token ? token.getPosition()[0] : 1);
}
