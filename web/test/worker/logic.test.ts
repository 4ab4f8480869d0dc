import { describe, expect, it } from 'vitest';
import { formatTimeLeft, millisLeft } from '../../src/worker/time';
import { codePointLength, toCodePointOffset, toUtf16Offset } from '../../src/core/code-points';
import { graphemes, sliceByCodePoints } from '../../src/worker/offsets';
import { sanitizedHtmlString } from '../../src/worker/sanitize';
import { clampRect, hitBox, hitHandle, moveRect, rectFromCorners, resizeRect, toImage, zoomAt } from '../../src/worker/geometry';
import { boxAnswer, boxesFromInitialValue, customAnswer, earlierBoxes, entityAnswer, maskAnswer, multiLabelAnswer, singleLabelAnswer } from '../../src/worker/answers';
import { CLASS_PALETTE, maskColours, toHex } from '../../src/worker/palette';
import { taskTypeOf, type Task } from '../../src/worker/types';

describe('time left', () => {
  it('formats mm:ss, rounding up so 00:00 only shows when the time is really up', () => {
    expect(formatTimeLeft(0)).toBe('00:00');
    expect(formatTimeLeft(1)).toBe('00:01');
    expect(formatTimeLeft(59_001)).toBe('01:00');
    expect(formatTimeLeft(3_600_000)).toBe('60:00');
  });

  it('counts down to the deadline and never goes negative', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(millisLeft('2025-01-01T00:05:00Z', now)).toBe(300_000);
    expect(millisLeft('2024-12-31T23:59:00Z', now)).toBe(0);
    expect(millisLeft(undefined, now)).toBeNull();
    expect(millisLeft('not a date', now)).toBeNull();
  });
});

describe('code-point offsets', () => {
  const text = 'I 😀 Paris'; // the emoji is 2 UTF-16 units, 1 code point

  it('converts between UTF-16 indices and code points across an emoji', () => {
    expect(text.indexOf('Paris')).toBe(5);
    expect(toCodePointOffset(text, 5)).toBe(4);
    expect(toUtf16Offset(text, 4)).toBe(5);
    expect(codePointLength(text)).toBe(9);
    expect(sliceByCodePoints(text, 4, 9)).toBe('Paris');
  });

  it('refuses offsets outside the text', () => {
    expect(() => toUtf16Offset(text, 10)).toThrow(/past the end/);
    expect(() => toCodePointOffset(text, 99)).toThrow(RangeError);
  });

  it('splits into user-perceived characters with code-point ranges', () => {
    const parts = graphemes('a👍🏽e\u0301');
    expect(parts.map((g) => [g.text, g.start, g.end])).toEqual([
      ['a', 0, 1],
      ['👍🏽', 1, 3],
      ['e\u0301', 3, 5],
    ]);
  });
});

describe('instruction sanitiser', () => {
  it('keeps formatting and drops scripts, handlers and unsafe urls', () => {
    const out = sanitizedHtmlString(
      '<p onclick="x()">Draw <b>tight</b> boxes<script>alert(1)</script></p><a href="javascript:alert(1)">j</a>' +
        '<a href="https://example.com/x">ok</a><img src="http://evil/x.png" onerror="y()"><img src="data:image/png;base64,AAAA" alt="a">' +
        '<iframe src="https://x"></iframe><style>p{}</style><svg><script>1</script></svg>',
    );
    expect(out).toBe(
      '<p>Draw <b>tight</b> boxes</p><a>j</a><a href="https://example.com/x" target="_blank" rel="noopener noreferrer">ok</a><img src="data:image/png;base64,AAAA" alt="a">',
    );
  });

  it('unwraps unknown elements, keeping their text, and refuses svg data images', () => {
    expect(sanitizedHtmlString('<font color="red">red</font><img src="data:image/svg+xml;base64,PHN2Zz4=">')).toBe('red');
    expect(sanitizedHtmlString('<a href=" JAVASCRIPT:alert(1)">x</a>')).toBe('<a>x</a>');
  });
});

describe('box geometry', () => {
  it('normalises a drag in any direction to whole pixels inside the image', () => {
    expect(rectFromCorners({ x: 50.6, y: 40.2 }, { x: -10, y: 10.7 }, 100, 80)).toEqual({ left: 0, top: 11, width: 51, height: 29 });
    expect(rectFromCorners({ x: 90, y: 70 }, { x: 130, y: 95 }, 100, 80)).toEqual({ left: 90, top: 70, width: 10, height: 10 });
  });

  it('moves a box without leaving the image or shrinking it', () => {
    expect(moveRect({ left: 10, top: 10, width: 20, height: 20 }, 500, -500, 100, 80)).toEqual({ left: 80, top: 0, width: 20, height: 20 });
  });

  it('resizes from a handle and flips when dragged past the opposite edge', () => {
    const box = { left: 10, top: 10, width: 20, height: 20 };
    expect(resizeRect(box, 'se', { x: 50, y: 45 }, 100, 80)).toEqual({ left: 10, top: 10, width: 40, height: 35 });
    expect(resizeRect(box, 'e', { x: 0, y: 999 }, 100, 80)).toEqual({ left: 0, top: 10, width: 10, height: 20 });
  });

  it('hits the handle near the pointer and the smallest box under it', () => {
    const outer = { left: 0, top: 0, width: 100, height: 100 };
    const inner = { left: 40, top: 40, width: 10, height: 10 };
    expect(hitHandle(outer, { x: 99, y: 1 }, 3)).toBe('ne');
    expect(hitHandle(outer, { x: 50, y: 50 }, 3)).toBeNull();
    expect(hitBox([outer, inner], { x: 45, y: 45 })).toBe(1);
    expect(hitBox([inner, outer], { x: 45, y: 45 })).toBe(0);
    expect(hitBox([outer, inner], { x: 10, y: 10 })).toBe(0);
    expect(hitBox([inner], { x: 10, y: 10 })).toBe(-1);
  });

  it('clamps earlier boxes that reach outside the image', () => {
    expect(clampRect({ left: -5, top: 70, width: 30.4, height: 30 }, 100, 80)).toEqual({ left: 0, top: 50, width: 30, height: 30 });
  });

  it('zooms about a point, which stays over the same image pixel', () => {
    const view = { scale: 1, offsetX: 10, offsetY: 20 };
    const at = { x: 110, y: 70 };
    const before = toImage(view, at);
    const zoomed = zoomAt(view, 2, at);
    expect(zoomed.scale).toBe(2);
    expect(toImage(zoomed, at)).toEqual(before);
  });
});

describe('answers', () => {
  const labels = ['cat', 'dog'];

  it('builds single- and multi-label classification answers, or says what is missing', () => {
    expect(singleLabelAnswer('crowd-image-classifier', labels, null)).toEqual({ ok: false, hint: 'pick a label' });
    expect(singleLabelAnswer('crowd-image-classifier', labels, 1)).toEqual({ ok: true, content: { 'crowd-image-classifier': { label: 'dog' } } });
    expect(singleLabelAnswer('crowd-image-classifier', labels, 0, ' box 2 is off ')).toEqual({
      ok: true,
      content: { 'crowd-image-classifier': { label: 'cat', workerComment: 'box 2 is off' } },
    });
    expect(multiLabelAnswer('m', labels, new Set())).toMatchObject({ ok: false });
    expect(multiLabelAnswer('m', labels, new Set([1, 0]))).toEqual({ ok: true, content: { m: { labels: ['cat', 'dog'] } } });
  });

  it('builds the boundingBox answer with initialValueModified only when adjusting', () => {
    const boxes = [{ label: 1, left: 1, top: 2, width: 3, height: 4 }];
    const drawn = boxAnswer({ key: 'boundingBox', labels, boxes, imageWidth: 10, imageHeight: 8 });
    expect(drawn).toEqual({
      ok: true,
      content: { boundingBox: { boundingBoxes: [{ height: 4, label: 'dog', left: 1, top: 2, width: 3 }], inputImageProperties: { height: 8, width: 10 } } },
    });
    const same = boxAnswer({ key: 'boundingBox', labels, boxes, imageWidth: 10, imageHeight: 8, initial: [{ ...boxes[0] }] });
    expect(same.ok && (same.content.boundingBox as Record<string, unknown>).initialValueModified).toBe(false);
    const moved = boxAnswer({ key: 'boundingBox', labels, boxes, imageWidth: 10, imageHeight: 8, initial: [{ ...boxes[0], left: 0 }] });
    expect(moved.ok && (moved.content.boundingBox as Record<string, unknown>).initialValueModified).toBe(true);
    expect(boxAnswer({ key: 'boundingBox', labels, boxes, imageWidth: 0, imageHeight: 0 })).toMatchObject({ ok: false });
    expect(boxAnswer({ key: 'boundingBox', labels, boxes: [{ ...boxes[0], left: 9 }], imageWidth: 10, imageHeight: 8 })).toMatchObject({ ok: false });
  });

  it('reads adjustment boxes, skipping labels the job lacks', () => {
    const value = [
      { label: 'dog', left: 1, top: 2, width: 3, height: 4 },
      { label: 'horse', left: 1, top: 2, width: 3, height: 4 },
    ];
    expect(boxesFromInitialValue(value, labels)).toEqual({ boxes: [{ label: 1, left: 1, top: 2, width: 3, height: 4 }], skipped: 1 });
  });

  it('finds the earlier boxes of a verification task in its manifest line', () => {
    const line = {
      'source-ref': 's3://b/1.png',
      old: { annotations: [{ class_id: 0, left: 1, top: 2, width: 3, height: 4 }], image_size: [{ width: 10, height: 8 }] },
      'old-metadata': { type: 'groundtruth/object-detection', 'class-map': { '0': 'circle' } },
      other: { annotations: [] },
      'other-metadata': { type: 'groundtruth/image-classification' },
    };
    expect(earlierBoxes(line)).toEqual([{ label: 'circle', left: 1, top: 2, width: 3, height: 4 }]);
    expect(earlierBoxes({})).toEqual([]);
  });

  it('builds entity answers in text order and refuses overlaps', () => {
    const built = entityAnswer('crowd-entity-annotation', labels, [{ label: 1, start: 5, end: 9 }, { label: 0, start: 0, end: 2 }], 9);
    expect(built).toEqual({
      ok: true,
      content: { 'crowd-entity-annotation': { entities: [{ label: 'cat', startOffset: 0, endOffset: 2 }, { label: 'dog', startOffset: 5, endOffset: 9 }] } },
    });
    expect(entityAnswer('e', labels, [], 9)).toEqual({ ok: true, content: { e: { entities: [] } } });
    expect(entityAnswer('e', labels, [{ label: 0, start: 0, end: 3 }, { label: 0, start: 2, end: 4 }], 9)).toMatchObject({ ok: false });
    expect(entityAnswer('e', labels, [{ label: 0, start: 8, end: 10 }], 9)).toMatchObject({ ok: false });
  });

  it('builds the segmentation answer with every label colour', () => {
    const answer = maskAnswer({ key: 'crowd-semantic-segmentation', labels, colours: [0x1f77b4, 0xff7f0e], imageWidth: 4, imageHeight: 3, pngBase64: 'AAA' });
    expect(answer).toEqual({
      'crowd-semantic-segmentation': {
        inputImageProperties: { height: 3, width: 4 },
        labelMappings: { cat: { color: '#1f77b4' }, dog: { color: '#ff7f0e' } },
        labeledImage: { pngImageData: 'AAA' },
      },
    });
  });

  it('accepts a custom answer only as a non-empty JSON object', () => {
    expect(customAnswer('{"a":1}')).toEqual({ ok: true, content: { a: 1 } });
    expect(customAnswer('[1]')).toMatchObject({ ok: false });
    expect(customAnswer('{}')).toMatchObject({ ok: false });
    expect(customAnswer('{a:1}')).toMatchObject({ ok: false, hint: expect.stringMatching(/not valid JSON/) });
  });
});

describe('palette', () => {
  it('starts with the server palette: white background, then tab10', () => {
    expect(CLASS_PALETTE.length).toBe(256);
    expect(toHex(CLASS_PALETTE[0])).toBe('#ffffff');
    expect(toHex(CLASS_PALETTE[1])).toBe('#1f77b4');
    expect(new Set(CLASS_PALETTE).size).toBe(256);
  });

  it('keeps an earlier mask colour per label and never repeats a colour or uses white', () => {
    const colours = maskColours(['a', 'b', 'c'], { b: '#1f77b4', c: '#ffffff' });
    expect(colours[1]).toBe(0x1f77b4);
    expect(new Set(colours).size).toBe(3);
    expect(colours).not.toContain(0xffffff);
  });
});

describe('task type', () => {
  const task = (taskType: string): Task =>
    ({ assignmentId: 'a', jobName: 'j', taskType, datasetObjectId: '0', title: 't', description: 'd', taskTimeLimitInSeconds: 60, taskInput: {}, ui: { element: 'custom' } }) as Task;

  it('is the one the server names, when the portal has a tool for it', () => {
    expect(taskTypeOf(task('AdjustmentBoundingBox'))).toBe('AdjustmentBoundingBox');
    expect(taskTypeOf(task('Custom'))).toBe('Custom');
  });

  it('is refused, named, when the portal has no tool for it', () => {
    expect(() => taskTypeOf(task('PolygonOutline'))).toThrow(/"PolygonOutline"/);
  });
});
