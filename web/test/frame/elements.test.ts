import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { instanceAnswer, shapeAnswer, shapesFromInitialValue } from '../../src/worker/answers';
import { entitiesFromInitialValue } from '../../src/frame/annotation-elements';
import type { BoundingBoxTool } from '../../src/worker/bbox-tool';
import type { ShapeTool } from '../../src/worker/shape-tool';
import type { EntityTool } from '../../src/worker/ner-tool';

type Message = { type: string; [key: string]: unknown };

const posted: Message[] = [];
const portal = { postMessage: (message: Message) => posted.push(JSON.parse(JSON.stringify(message))) };
let frame: { connect(parent: unknown): void; render(html: string): Promise<void> };

const fromPortal = (data: unknown) => window.dispatchEvent(new MessageEvent('message', { data, source: portal as unknown as Window }));
const last = (type: string) => [...posted].reverse().find((m) => m.type === type);
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
const $ = <T extends Element = HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

/** Renders the template and lets the elements build (a microtask) and the tools render. */
async function render(html: string) {
  await frame.render(html);
  await settled();
}

async function submit(): Promise<Message | undefined> {
  posted.length = 0;
  fromPortal({ type: 'verity:submit' });
  await settled();
  return posted.find((m) => m.type === 'verity:answer' || m.type === 'verity:invalid');
}

describe('vertex shape answers, as Ground Truth documents them', () => {
  const base = { key: 'k', labels: ['a', 'b'], imageWidth: 100, imageHeight: 50 };
  const tri = [{ x: 1, y: 2 }, { x: 30, y: 4 }, { x: 10, y: 40 }];

  it('lists polygons, polylines and lines with their vertices, and keypoints as label, x, y', () => {
    expect(shapeAnswer({ ...base, kind: 'polygon', shapes: [{ label: 1, vertices: tri }] })).toEqual({
      ok: true,
      content: { k: { inputImageProperties: { height: 50, width: 100 }, polygons: [{ label: 'b', vertices: tri }] } },
    });
    expect(shapeAnswer({ ...base, kind: 'polyline', shapes: [{ label: 0, vertices: tri.slice(0, 2) }] })).toMatchObject({ content: { k: { polylines: [{ label: 'a' }] } } });
    expect(shapeAnswer({ ...base, kind: 'line', shapes: [{ label: 0, vertices: tri.slice(0, 2) }] })).toMatchObject({ content: { k: { lines: [{ label: 'a', vertices: tri.slice(0, 2) }] } } });
    expect(shapeAnswer({ ...base, kind: 'keypoint', shapes: [{ label: 1, vertices: [{ x: 5, y: 6 }] }] })).toEqual({
      ok: true,
      content: { k: { inputImageProperties: { height: 50, width: 100 }, keypoints: [{ label: 'b', x: 5, y: 6 }] } },
    });
    expect(shapeAnswer({ ...base, kind: 'polygon', shapes: [] })).toMatchObject({ ok: true, content: { k: { polygons: [] } } });
  });

  it("says whether a line's initial value was changed, and refuses shapes it cannot submit", () => {
    const shapes = [{ label: 0, vertices: tri }];
    expect(shapeAnswer({ ...base, kind: 'polyline', shapes, initial: shapes })).toMatchObject({ content: { k: { initialValueModified: false } } });
    expect(shapeAnswer({ ...base, kind: 'polyline', shapes: [], initial: shapes })).toMatchObject({ content: { k: { initialValueModified: true } } });
    // Ground Truth documents no such flag for polygons and keypoints.
    expect(shapeAnswer({ ...base, kind: 'polygon', shapes: [], initial: shapes })).toEqual({
      ok: true,
      content: { k: { inputImageProperties: { height: 50, width: 100 }, polygons: [] } },
    });
    expect(shapeAnswer({ ...base, kind: 'line', shapes: [{ label: 0, vertices: tri }] })).toEqual({ ok: false, hint: 'line 1 has 3 points' });
    expect(shapeAnswer({ ...base, kind: 'polygon', shapes: [{ label: 0, vertices: [...tri, { x: 101, y: 0 }] }] })).toEqual({ ok: false, hint: 'polygon 1 reaches outside the image' });
    expect(shapeAnswer({ ...base, kind: 'keypoint', shapes: [{ label: 5, vertices: [{ x: 1, y: 1 }] }] })).toEqual({ ok: false, hint: 'keypoint 1 has no label' });
    expect(shapeAnswer({ ...base, imageWidth: 0, kind: 'keypoint', shapes: [] })).toEqual({ ok: false, hint: 'the image has not loaded yet' });
  });

  it("reads initial values as the docs give them (a list, or a list under the kind's key), skipping unknown labels", () => {
    const lines = { lines: [{ label: 'a', vertices: [{ x: 1, y: 2 }, { x: 3, y: 4 }] }, { label: 'zzz', vertices: [{ x: 1, y: 2 }, { x: 3, y: 4 }] }] };
    expect(shapesFromInitialValue(lines, 'line', ['a'])).toEqual({ shapes: [{ label: 0, vertices: [{ x: 1, y: 2 }, { x: 3, y: 4 }] }], skipped: 1 });
    expect(shapesFromInitialValue([{ label: 'b', x: 7, y: 8 }], 'keypoint', ['a', 'b'])).toEqual({ shapes: [{ label: 1, vertices: [{ x: 7, y: 8 }] }], skipped: 0 });
    expect(shapesFromInitialValue([{ label: 'a', vertices: [{ x: 1, y: 'no' }, { x: 1, y: 1 }, { x: 2, y: 2 }] }], 'polygon', ['a'])).toEqual({ shapes: [], skipped: 1 });
  });

  it('answers instances with their colour and label, in the order they were added', () => {
    expect(instanceAnswer({ key: 'r', labels: ['Car', 'Person'], instances: [1, 0, 1], colours: [0x1f77b4, 0xff7f0e, 0x2ca02c], imageWidth: 4, imageHeight: 3, pngBase64: 'UE5H' })).toEqual({
      r: {
        inputImageProperties: { height: 3, width: 4 },
        instances: [
          { color: '#1f77b4', label: 'Person' },
          { color: '#ff7f0e', label: 'Car' },
          { color: '#2ca02c', label: 'Person' },
        ],
        labeledImage: { pngImageData: 'UE5H' },
      },
    });
  });

  it('keeps initial entities that fit the text and do not overlap', () => {
    const given = [
      { label: 'person', startOffset: 6, endOffset: 9 },
      { label: 'person', startOffset: 0, endOffset: 5 },
      { label: 'person', startOffset: 4, endOffset: 7 },
      { label: 'nobody', startOffset: 10, endOffset: 11 },
      { label: 'person', startOffset: 10, endOffset: 99 },
    ];
    expect(entitiesFromInitialValue(given, ['person'], 12)).toEqual([
      { label: 0, start: 0, end: 5 },
      { label: 0, start: 6, end: 9 },
    ]);
  });
});

describe('drawing and layout elements in the task frame', () => {
  beforeAll(async () => {
    await import('../../src/frame/main');
    frame = (window as unknown as { VerityFrame: typeof frame }).VerityFrame;
    frame.connect(portal);
  });

  beforeEach(() => {
    posted.length = 0;
  });

  it("hosts the box tool, fed from the attributes (the docs' Liquid-style initial-value), and submits under the element's name", async () => {
    await render(`<crowd-form><crowd-bounding-box name="annotatedResult" src="https://img/1.png" header="Box it" labels="['Cat', 'Dog']"
      initial-value="[{label: 'Dog', left: 1, top: 2, width: 30, height: 40,}, {label: 'Cow', left: 0, top: 0, width: 1, height: 1},]">
      <full-instructions header="How to box">Tight.</full-instructions><short-instructions>Box the animals.</short-instructions>
      </crowd-bounding-box></crowd-form>`);
    const tool = $<BoundingBoxTool>('crowd-bounding-box verity-bbox-tool');
    expect(tool.task.taskInput).toMatchObject({ taskObject: 'https://img/1.png', labels: ['Cat', 'Dog'] });
    await tool.updateComplete;
    expect(tool.boxes).toEqual([{ label: 1, left: 1, top: 2, width: 30, height: 40 }]);
    expect($('crowd-bounding-box .crowd-header').textContent).toBe('Box it');
    expect($('crowd-bounding-box full-instructions').hidden).toBe(true);
    expect($('crowd-bounding-box .crowd-link').textContent).toBe('How to box');

    // happy-dom loads no images: until the image is there, the form says why it cannot submit.
    expect(await submit()).toEqual({ type: 'verity:invalid', message: '"Box it": the image has not loaded yet' });

    tool.natural = { width: 200, height: 100 };
    expect(await submit()).toEqual({
      type: 'verity:answer',
      answerContent: {
        annotatedResult: {
          boundingBoxes: [{ height: 40, label: 'Dog', left: 1, top: 2, width: 30 }],
          inputImageProperties: { height: 100, width: 200 },
          initialValueModified: false,
        },
      },
    });
  });

  it('gives each shape element its kind and label colours, and keys 1–9 pick its labels', async () => {
    await render(`<crowd-form>
      <crowd-polygon name="p" src="x.png" labels="['a']"></crowd-polygon><crowd-polyline name="pl" src="x.png" labels="['a']"></crowd-polyline>
      <crowd-line name="l" src="x.png" labels="['a']" label-colors="['#00aa00']"></crowd-line><crowd-keypoint name="k" src="x.png" labels="['a', 'b']"></crowd-keypoint></crowd-form>`);
    const kinds = [...document.querySelectorAll<ShapeTool>('verity-shape-tool')].map((t) => t.kind);
    expect(kinds).toEqual(['polygon', 'polyline', 'line', 'keypoint']);
    expect($<ShapeTool>('crowd-line verity-shape-tool').labelColours).toEqual(['#00aa00']);
    const keypoint = $<ShapeTool>('crowd-keypoint verity-shape-tool');
    $('crowd-keypoint').focus();
    const key = new KeyboardEvent('keydown', { key: '2', bubbles: true, cancelable: true });
    $('crowd-keypoint').dispatchEvent(key);
    expect(key.defaultPrevented).toBe(true);
    expect(keypoint.current).toBe(1);
  });

  it('lets crowd-entity-annotation be its own form, with initial entities, display names and its own Submit', async () => {
    await render(`<crowd-entity-annotation name="ner" text="Ann saw Bo" labels="[{label: 'person', shortDisplayName: 'per'}]"
      initial-value="[{label: 'person', startOffset: 0, endOffset: 3}]"><input name="extra" value="e"></crowd-entity-annotation>`);
    const tool = $<EntityTool>('verity-ner-tool');
    expect(tool.entities).toEqual([{ label: 0, start: 0, end: 3 }]);
    await tool.updateComplete;
    // The tag shows the short display name; the label bar, having no full one, the label.
    expect(tool.shadowRoot!.querySelector('.tag')!.textContent).toBe('per');
    expect(tool.shadowRoot!.querySelector('[data-testid="label-0"]')!.textContent!.replace(/\s+/g, ' ').trim()).toBe('person 1');
    $<HTMLButtonElement>('[data-testid="crowd-submit"]').click();
    await settled();
    expect(last('verity:answer')).toEqual({
      type: 'verity:answer',
      fromFrame: true,
      answerContent: { ner: { entities: [{ label: 'person', startOffset: 0, endOffset: 3 }] }, extra: 'e' },
    });
  });

  it('answers toggle buttons as Ground Truth does, and holds back a required one left off', async () => {
    await render(`<crowd-form><crowd-toggle-button name="theToggler"></crowd-toggle-button>
      <crowd-toggle-button name="v" value="someValue" checked></crowd-toggle-button>
      <crowd-toggle-button name="off" disabled checked></crowd-toggle-button>
      <crowd-toggle-button name="must" required></crowd-toggle-button></crowd-form>`);
    $<HTMLButtonElement>('crowd-toggle-button[name="theToggler"] button').click();
    expect((await submit())?.message).toBe('switch on "must", it is required');
    $<HTMLButtonElement>('crowd-toggle-button[name="must"] button').click();
    expect((await submit())?.answerContent).toEqual({ theToggler: { on: true }, v: { someValue: true }, must: { on: true } });
  });

  it('shows one crowd-tab at a time, opens crowd-modal from its link, and shows crowd-toast text only while open', async () => {
    await render(`<crowd-tabs><crowd-tab header="A">one</crowd-tab><crowd-tab>two</crowd-tab></crowd-tabs>
      <crowd-modal>inside</crowd-modal><crowd-toast text="Hi" duration="0"></crowd-toast>`);
    const tabs = [...document.querySelectorAll<HTMLButtonElement>('[role=tab]')];
    expect(tabs.map((t) => t.textContent)).toEqual(['A', 'Tab 2']);
    expect([...document.querySelectorAll('crowd-tab')].map((t) => (t as HTMLElement).hidden)).toEqual([false, true]);
    tabs[1].click();
    expect([...document.querySelectorAll('crowd-tab')].map((t) => (t as HTMLElement).hidden)).toEqual([true, false]);
    expect(tabs[1].getAttribute('aria-selected')).toBe('true');

    const link = $<HTMLButtonElement>('crowd-modal .crowd-link');
    expect(link.textContent).toBe('Click to open modal');
    expect($('crowd-modal dialog').textContent).toContain('inside');

    const toast = $<HTMLElement & { open(): void }>('crowd-toast');
    expect([toast.hidden, toast.textContent]).toEqual([true, 'Hi']);
    toast.open();
    expect(toast.hidden).toBe(false);
  });
});
