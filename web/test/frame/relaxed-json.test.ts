import { describe, expect, it } from 'vitest';
import { parseRelaxedJson } from '../../src/frame/relaxed-json';
import { parseLabelColours, parseLabels } from '../../src/frame/annotation-elements';

describe('attribute values as Ground Truth templates write them', () => {
  it('reads JSON as JSON', () => {
    expect(parseRelaxedJson('[{"label": "dog", "x": 1.5, "ok": true, "none": null}]')).toEqual([{ label: 'dog', x: 1.5, ok: true, none: null }]);
  });

  it("reads the docs' JavaScript-literal form: single quotes, bare keys, trailing commas, comments", () => {
    const text = `{
      lines: [
        { label: 'side\\'line', // a comment
          vertices: [ { x: 84, y: -110, }, { x: 6e1, y: .5 } ] },
      ],
      /* another */ 'quoted-key': "a\\u0041",
    }`;
    expect(parseRelaxedJson(text)).toEqual({ lines: [{ label: "side'line", vertices: [{ x: 84, y: -110 }, { x: 60, y: 0.5 }] }], 'quoted-key': 'aA' });
  });

  it('keeps a __proto__ key as data', () => {
    const value = parseRelaxedJson('{"__proto__": {"polluted": 1}}') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses code and broken text rather than guessing', () => {
    expect(() => parseRelaxedJson('alert(1)')).toThrow(/invalid character/);
    expect(() => parseRelaxedJson('{a: b}')).toThrow(/invalid character 'b'/);
    expect(() => parseRelaxedJson("['a' 'b']")).toThrow(/invalid character/);
    expect(() => parseRelaxedJson("['a'")).toThrow();
    expect(() => parseRelaxedJson('[1] 2')).toThrow(/invalid character '2'/);
    expect(() => parseRelaxedJson('')).toThrow();
  });

  it('reads labels as strings or as entity label objects, and refuses anything else', () => {
    expect(parseLabels("['Cat', 'Dog']")).toEqual(['Cat', 'Dog']);
    expect(parseLabels("[{'label': 'person', 'shortDisplayName': 'per', 'fullDisplayName': 'Person'}, {label: 'date'}]")).toEqual(['person', 'date']);
    expect(() => parseLabels('[]')).toThrow('labels is not a non-empty JSON array');
    expect(() => parseLabels(null)).toThrow();
    expect(() => parseLabels('[{"fullDisplayName": "x"}]')).toThrow(/not a label/);
  });

  it('reads label-colors as hex colours only', () => {
    expect(parseLabelColours("['#FF0000', 'red', '#00ff00']")).toEqual(['#FF0000', null, '#00ff00']);
    expect(parseLabelColours("['#000000;background:url(x)']")).toEqual([null]);
    expect(parseLabelColours('not a list')).toEqual([]);
    expect(parseLabelColours(null)).toEqual([]);
  });
});
