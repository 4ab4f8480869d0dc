import { describe, expect, it } from 'vitest';
import { renderTemplate, TemplateError } from '../../src/worker/liquid';

const render = (source: string, input: unknown = {}, readAccess: Record<string, string> = {}) => renderTemplate(source, { task: { input } }, readAccess);

/** The error a template is refused with. */
function refusal(source: string): TemplateError {
  try {
    render(source);
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateError);
    return e as TemplateError;
  }
  throw new Error(`expected ${JSON.stringify(source)} to be refused`);
}

describe('liquid output', () => {
  it('reads dotted paths, indexes and quoted keys from task.input', () => {
    const input = { text: 'hi', list: ['a', 'b', 'c'], 'source-ref': 's3://b/k', nested: { deep: [{ v: 7 }] } };
    expect(render('{{ task.input.text }}|{{ task.input.list[1] }}|{{ task.input["source-ref"] }}|{{ task.input.source-ref }}', input)).toBe('hi|b|s3://b/k|s3://b/k');
    expect(render('{{ task.input.nested.deep[0].v }} {{ task.input.list[-1] }} {{ task.input.list.size }} {{ task.input.list.first }}', input)).toBe('7 c 3 a');
    expect(render('[{{ task.input.missing.deeper }}]', input)).toBe('[]');
  });

  it('prints literals, numbers and arrays as Liquid does', () => {
    expect(render(`{{ "double" }} {{ 'single' }} {{ 42 }} {{ -1.5 }} {{ true }} {{ nil }}.`)).toBe('double single 42 -1.5 true .');
    expect(render('{{ task.input.a }}', { a: [1, 'x'] })).toBe('1x');
  });

  it('escapes output by default and leaves it alone after skip_autoescape', () => {
    const input = { html: `<b class="x">Tom & 'Jerry'</b>` };
    expect(render('{{ task.input.html }}', input)).toBe('&lt;b class=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/b&gt;');
    expect(render('{{ task.input.html | skip_autoescape }}', input)).toBe(input.html);
  });

  it('escapes once with escape (no double escaping), and escape_once keeps existing entities', () => {
    expect(render('{{ task.input.s | escape }}', { s: '<&>' })).toBe('&lt;&amp;&gt;');
    expect(render('{{ task.input.s | escape_once }}', { s: '&amp; < &' })).toBe('&amp; &lt; &amp;');
  });

  it('writes JSON with to_json, escaped for an attribute by default and raw after skip_autoescape', () => {
    const input = { labels: ['cat', 'dog "big"'] };
    expect(render('{{ task.input.labels | to_json }}', input)).toBe('[&quot;cat&quot;,&quot;dog \\&quot;big\\&quot;&quot;]');
    expect(render('{{ task.input.labels | to_json | escape }}', input)).toBe('[&quot;cat&quot;,&quot;dog \\&quot;big\\&quot;&quot;]');
    expect(render('{{ task.input.labels | to_json | skip_autoescape }}', input)).toBe('["cat","dog \\"big\\""]');
    expect(render('{{ task.input.none | to_json }}')).toBe('null');
  });

  it('swaps s3 URIs for their presigned URL with grant_read_access, and unknown ones for nothing', () => {
    const access = { 's3://bucket/cat.jpg': 'https://bucket.s3/cat.jpg?X-Amz-Signature=1&b=2' };
    const input = { img: 's3://bucket/cat.jpg', other: 's3://bucket/secret.jpg', web: 'https://example.com/a.png', junk: 'javascript:alert(1)' };
    expect(render('<img src="{{ task.input.img | grant_read_access }}">', input, access)).toBe('<img src="https://bucket.s3/cat.jpg?X-Amz-Signature=1&amp;b=2">');
    expect(render('[{{ task.input.other | grant_read_access }}]', input, access)).toBe('[]');
    expect(render('[{{ task.input.web | grant_read_access }}][{{ task.input.junk | grant_read_access }}]', input, access)).toBe('[https://example.com/a.png][]');
  });

  it('applies default, size, upcase, downcase, join, first and last', () => {
    const input = { list: ['x', 'y', 'z'], word: 'MiXed', empty: '', obj: { a: 1, b: 2 } };
    expect(render('{{ task.input.nothing | default: "none" }} {{ task.input.empty | default: "blank" }} {{ task.input.word | default: "no" }}', input)).toBe('none blank MiXed');
    expect(render('{{ task.input.list | size }} {{ task.input.word | size }} {{ task.input.obj | size }} {{ task.input.nothing | size }}', input)).toBe('3 5 2 0');
    expect(render('{{ task.input.word | upcase }} {{ task.input.word | downcase }}', input)).toBe('MIXED mixed');
    expect(render('{{ task.input.list | join }}|{{ task.input.list | join: ", " }}', input)).toBe('x y z|x, y, z');
    expect(render('{{ task.input.list | first }}{{ task.input.list | last }}', input)).toBe('xz');
  });

  it('does not reach inherited properties', () => {
    expect(render('[{{ task.input.constructor }}][{{ task.input.__proto__ }}][{{ task.input.toString }}]', { a: 1 })).toBe('[][][]');
  });
});

describe('liquid tags', () => {
  it('picks the branch of if/elsif/else', () => {
    const t = '{% if task.input.n > 10 %}big{% elsif task.input.n >= 5 %}mid{% else %}small{% endif %}';
    expect(render(t, { n: 11 })).toBe('big');
    expect(render(t, { n: 5 })).toBe('mid');
    expect(render(t, { n: 1 })).toBe('small');
  });

  it('compares with ==, !=, <, <=, contains and joins with and/or', () => {
    const input = { s: 'hello world', list: ['a', 'b'], n: 3, obj: { k: 1 } };
    expect(render('{% if task.input.s == "hello world" %}eq{% endif %}{% if task.input.n != 4 %}ne{% endif %}{% if task.input.n < 4 %}lt{% endif %}{% if task.input.n <= 3 %}le{% endif %}', input)).toBe('eqneltle');
    expect(render('{% if task.input.s contains "world" %}s{% endif %}{% if task.input.list contains "b" %}l{% endif %}{% if task.input.obj contains "k" %}o{% endif %}{% if task.input.list contains "z" %}no{% endif %}', input)).toBe('slo');
    expect(render('{% if task.input.n == 3 and task.input.s == "x" %}and{% endif %}{% if task.input.n == 9 or task.input.n == 3 %}or{% endif %}', input)).toBe('or');
    // Liquid groups from the right: true or (false and false) is true.
    expect(render('{% if true or false and false %}right{% endif %}')).toBe('right');
    // Numbers and strings do not order against each other.
    expect(render('{% if task.input.n < "9" %}yes{% else %}no{% endif %}', input)).toBe('no');
  });

  it('treats only nil and false as false', () => {
    const input = { zero: 0, empty: '', list: [], f: false, n: null };
    expect(render('{% if task.input.zero %}0{% endif %}{% if task.input.empty %}e{% endif %}{% if task.input.list %}l{% endif %}{% if task.input.f %}f{% endif %}{% if task.input.n %}n{% endif %}{% if task.input.missing %}m{% endif %}', input)).toBe('0el');
    expect(render('{% if task.input.empty == empty %}E{% endif %}{% if task.input.list == empty %}L{% endif %}', input)).toBe('EL');
  });

  it('renders unless as a negated if', () => {
    expect(render('{% unless task.input.done %}todo{% else %}done{% endunless %}', { done: false })).toBe('todo');
    expect(render('{% unless task.input.done %}todo{% else %}done{% endunless %}', { done: true })).toBe('done');
  });

  it('loops with forloop, limit, offset, reversed, ranges and else', () => {
    const input = { items: ['a', 'b', 'c', 'd'] };
    expect(render('{% for x in task.input.items %}{{ forloop.index }}{{ x }}{% if forloop.first %}^{% endif %}{% if forloop.last %}${% endif %}{{ forloop.index0 }} {% endfor %}', input)).toBe('1a^0 2b1 3c2 4d$3 ');
    expect(render('{% for x in task.input.items limit: 2 offset: 1 %}{{ x }}{% endfor %}', input)).toBe('bc');
    expect(render('{% for x in task.input.items reversed %}{{ x }}{% endfor %}', input)).toBe('dcba');
    expect(render('{% for i in (1..3) %}{{ i }}{% endfor %}')).toBe('123');
    expect(render('{% for x in task.input.none %}{{ x }}{% else %}nothing{% endfor %}', input)).toBe('nothing');
    expect(render('{% for pair in task.input.o %}{{ pair[0] }}={{ pair[1] }};{% endfor %}', { o: { a: 1, b: 2 } })).toBe('a=1;b=2;');
    // The loop variable does not outlive the loop.
    expect(render('{% for x in task.input.items %}{% endfor %}[{{ x }}]', input)).toBe('[]');
  });

  it('assigns and captures, and a capture is not escaped twice', () => {
    expect(render('{% assign who = task.input.name | upcase %}Hi {{ who }}', { name: 'ann' })).toBe('Hi ANN');
    expect(render('{% for x in task.input.l %}{% assign last = x %}{% endfor %}{{ last }}', { l: [1, 2] })).toBe('2');
    expect(render('{% capture card %}<b>{{ task.input.name }}</b>{% endcapture %}{{ card }}', { name: '<i>' })).toBe('<b>&lt;i&gt;</b>');
  });

  it('drops comments and keeps raw text as it is', () => {
    expect(render('a{% comment %}{{ not rendered }} {% if %}{% endcomment %}b')).toBe('ab');
    expect(render('{% raw %}{{ task.input.x }} {% if %}{% endraw %}', { x: 1 })).toBe('{{ task.input.x }} {% if %}');
    expect(render('a{% # an inline note %}b')).toBe('ab');
  });

  it('trims whitespace next to {%- -%} and {{- -}}', () => {
    expect(render('a  \n  {%- if true -%}  \n b \n {%- endif -%}\n  c')).toBe('abc');
    expect(render('x {{- "y" -}} z')).toBe('xyz');
    expect(render('a {{ "b" }} c')).toBe('a b c');
  });
});

describe('standard liquid tags', () => {
  it('picks a case by when, with several values and else', () => {
    const t = '{% case task.input.n %}{% when 1 %}one{% when 2, 3 %}few{% else %}many{% endcase %}';
    expect([1, 3, 9].map((n) => render(t, { n })).join(' ')).toBe('one few many');
  });

  it('cycles, counts with increment and decrement, and breaks and continues loops', () => {
    expect(render('{% for i in (1..5) %}{% cycle "odd", "even" %} {% endfor %}')).toBe('odd even odd even odd ');
    expect(render('{% increment n %}{% increment n %}{% increment n %} {% decrement m %}{% decrement m %}')).toBe('012 -1-2');
    expect(render('{% for i in (1..9) %}{% if i == 2 %}{% continue %}{% endif %}{% if i == 4 %}{% break %}{% endif %}{{ i }}{% endfor %}')).toBe('13');
  });

  it('lays out a table with tablerow, and its cells are escaped', () => {
    expect(render('{% tablerow x in task.input.l cols: 2 %}{{ x }}{% endtablerow %}', { l: ['a', '<b>', 'c'] })).toBe(
      '<tr class="row1"><td class="col1">a</td><td class="col2">&lt;b&gt;</td></tr><tr class="row2"><td class="col1">c</td></tr>',
    );
  });

  it('runs liquid and echo, escaping what echo and cycle print', () => {
    expect(render('{% liquid\n  assign x = task.input.s | upcase\n  echo x\n%}', { s: '<i>' })).toBe('&lt;I&gt;');
    expect(render('{% echo "<b>" | skip_autoescape %}{% cycle "<a>", "b" %}')).toBe('<b>&lt;a&gt;');
    expect(render('{% capture c %}<b>{{ task.input.s }}</b>{% endcapture %}{% echo c %}', { s: '<i>' })).toBe('<b>&lt;i&gt;</b>');
  });
});

describe('standard liquid filters', () => {
  const items = [
    { name: 'pear', kind: 'fruit', price: 3 },
    { name: 'leek', kind: 'veg', price: 1 },
    { name: 'apple', kind: 'fruit', price: 2 },
  ];

  it('selects with where, picks with map and orders with sort', () => {
    expect(render('{{ task.input.items | where: "kind", "fruit" | map: "name" | join: "," }}', { items })).toBe('pear,apple');
    expect(render('{{ task.input.items | sort: "price" | map: "name" | join: "," }}', { items })).toBe('leek,apple,pear');
    expect(render('{{ task.input.items | map: "name" | sort | reverse | first }}', { items })).toBe('pear');
  });

  it('splits, slices and does arithmetic', () => {
    expect(render('{{ "a,b,c" | split: "," | size }} {{ "hello" | slice: 1, 3 }} {{ 7 | plus: 3 | times: 2 }} {{ "x" | append: "<y>" }}')).toBe('3 ell 20 x&lt;y&gt;');
  });

  it('formats dates in UTC', () => {
    expect(render('{{ task.input.at | date: "%Y-%m-%d %H:%M" }}', { at: '2024-03-06T01:30:00+02:00' })).toBe('2024-03-05 23:30');
  });
});

describe('escaping through filters', () => {
  it('escapes again what a filter changes after escape or skip_autoescape', () => {
    expect(render('{{ "<b>" | escape | upcase }}')).toBe('&amp;LT;B&amp;GT;');
    expect(render('{{ "<b>" | skip_autoescape | append: "<i>" }}')).toBe('&lt;b&gt;&lt;i&gt;');
  });

  it('keeps skip_autoescape and escape on an assigned value, and passes the value through to later filters', () => {
    expect(render('{% assign h = task.input.h | skip_autoescape %}{{ h }}', { h: '<b>' })).toBe('<b>');
    expect(render('{{ task.input.l | skip_autoescape | to_json | skip_autoescape }}', { l: ['<a>'] })).toBe('["<a>"]');
    expect(render('{% capture c %}ab{% endcapture %}{{ c.size }}[{{ c.constructor }}]{% if c == "ab" %}=={% endif %}')).toBe('2[]==');
  });

  it('prints objects as JSON', () => {
    expect(render('{{ task.input.o }}', { o: { a: '<' } })).toBe('{&quot;a&quot;:&quot;&lt;&quot;}');
  });
});

describe('liquid errors', () => {
  it('refuses the tags that read other files, naming the tag and its line', () => {
    const e = refusal('line one\nline two\n{% include "other" %}');
    expect(e.line).toBe(3);
    expect(e.message).toBe('line 3: unsupported tag {% include %}: a worker template cannot read other files');
    expect(refusal('{% render "other" %}').message).toMatch(/^line 1: unsupported tag \{% render %\}/);
    expect(refusal('\n{% layout "other" %}').message).toMatch(/^line 2: unsupported tag \{% layout %\}/);
  });

  it('names an unknown tag or filter and its line', () => {
    expect(refusal('\n{{ task.input.x | md5 }}').message).toBe('line 2: undefined filter: md5');
    // liquidjs' raw filter would be a way around autoescape that Ground Truth does not have.
    expect(refusal('{{ task.input.x | raw }}').message).toBe('line 1: undefined filter: raw');
    expect(refusal('a\n{% frobnicate %}').message).toBe('line 2: tag "frobnicate" not found');
  });

  it('refuses unclosed blocks, naming the opening line', () => {
    expect(refusal('ok\n{% if task.input.x %}\nnever closed').message).toBe('line 2: tag {% if task.input.x %} not closed');
    expect(refusal('{% for x in y %}').message).toBe('line 1: tag {% for x in y %} not closed');
    expect(refusal('a\n\n{% raw %}oops').message).toBe('line 3: raw "{% raw %}oops" not closed');
    expect(refusal('{{ task.input.x').message).toBe('line 1: output "{{ task.input.x" not closed');
  });

  it('refuses stray closing tags and malformed expressions', () => {
    expect(refusal('{% endif %}').message).toBe('line 1: tag "endif" not found');
    expect(refusal('{% if a %}\n{% endfor %}{% endif %}').message).toBe('line 2: tag "endfor" not found');
    expect(refusal('{% if a = b %}{% endif %}').message).toMatch(/^line 1: expected "\|" before filter/);
    expect(refusal('\n\n{{ }}').message).toBe('line 3: invalid value expression: ""');
    expect(refusal('{% assign = 3 %}').message).toBe('line 1: expected variable name');
    expect(refusal('{{ a $ b }}').message).toMatch(/^line 1: expected "\|" before filter/);
  });

  it('stops a template that builds too much', () => {
    expect(refusal('{% assign s = "x" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}').message).toBe('line 1: memory alloc limit exceeded');
    expect(refusal('{% for i in (1..1000000000) %}{% endfor %}').message).toBe('line 1: memory alloc limit exceeded');
  });

  it('refuses a template too long to parse', () => {
    expect(refusal('x'.repeat(1_000_001)).message).toBe('line 1: parse length limit exceeded');
  });

  it('stops a template that renders too long', () => {
    const started = performance.now();
    expect(refusal('{% for i in (1..100000) %}{% for j in (1..100000) %}{{ j }}{% endfor %}{% endfor %}').message).toBe('line 1: template render limit exceeded');
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
