import { describe, expect, it } from 'vitest';
import { colourOfName, labelColour } from '../../src/console/colours';
import { fitInto, scaleBox } from '../../src/console/geometry';
import { segmentText } from '../../src/console/text-offsets';

describe('entity spans by code point offsets', () => {
  const text = 'I 😀 met Ana in Oslo';

  it('cuts the text into runs and entity spans by code points', () => {
    const segments = segmentText(text, [
      { label: 'city', startOffset: 15, endOffset: 19 },
      { label: 'person', startOffset: 8, endOffset: 11 },
    ]);
    expect(segments.map((s) => [s.text, s.entity?.label])).toEqual([
      ['I 😀 met ', undefined],
      ['Ana', 'person'],
      [' in ', undefined],
      ['Oslo', 'city'],
    ]);
  });

  it('leaves out empty and overlapping spans', () => {
    const segments = segmentText('abcdef', [
      { label: 'a', startOffset: 0, endOffset: 3 },
      { label: 'b', startOffset: 2, endOffset: 4 },
      { label: 'c', startOffset: 5, endOffset: 5 },
    ]);
    expect(segments.map((s) => [s.text, s.entity?.label])).toEqual([
      ['abc', 'a'],
      ['def', undefined],
    ]);
  });
});

describe('boxes in a card', () => {
  it('fits a wide image into the card without enlarging it', () => {
    expect(fitInto({ width: 1000, height: 500 }, { width: 250, height: 250 })).toEqual({ width: 250, height: 125, scale: 0.25 });
    expect(fitInto({ width: 100, height: 80 }, { width: 250, height: 250 })).toEqual({ width: 250, height: 200, scale: 2.5 });
    expect(fitInto({ width: 20, height: 10 }, { width: 250, height: 250 })).toEqual({ width: 80, height: 40, scale: 4 });
    expect(fitInto({ width: 400, height: 800 }, { width: 300, height: 200 })).toEqual({ width: 100, height: 200, scale: 0.25 });
  });

  it('scales a pixel box by the same factor', () => {
    expect(scaleBox({ left: 100, top: 40, width: 60, height: 20 }, 0.5)).toEqual({ left: 50, top: 20, width: 30, height: 10 });
  });
});

describe('label colours', () => {
  it('gives distinct colours to the first classes and stable ones after', () => {
    const first = Array.from({ length: 10 }, (_, i) => labelColour(i));
    expect(new Set(first).size).toBe(10);
    expect(labelColour(12)).toBe(labelColour(12));
    expect(labelColour(12)).not.toBe(labelColour(13));
  });

  it('colours a name by its place in the label list, else by the name itself', () => {
    expect(colourOfName('dog', ['cat', 'dog'])).toBe(labelColour(1));
    expect(colourOfName('zebra', [])).toBe(colourOfName('zebra', ['cat']));
  });
});
