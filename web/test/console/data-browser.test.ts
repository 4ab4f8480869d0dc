import { afterEach, describe, expect, it } from 'vitest';
import '../../src/console/index';
import type { VerityDataBrowser } from '../../src/console/data-browser';
import { fakeApi, settle, shadow } from './fake-api';

async function mount(routes: Parameters<typeof fakeApi>[0]) {
  const { api, calls } = fakeApi(routes);
  const browser = document.createElement('verity-data-browser') as VerityDataBrowser;
  browser.api = api;
  browser.job = 'cars';
  document.body.append(browser);
  await settle(browser);
  return { browser, root: shadow(browser), calls };
}

const page = (taskType: string, objects: unknown[], extra: Record<string, unknown> = {}) => ({
  body: { labelAttributeName: 'lab', taskType, outputAvailable: true, objects, ...extra },
});

afterEach(() => {
  document.body.innerHTML = '';
});

describe('verity-data-browser', () => {
  it('draws bounding boxes over the image, scaled to the card, with class names', async () => {
    const { root } = await mount({
      'GET /jobs/cars/objects': page('BoundingBox', [
        {
          line: 1,
          datasetObjectId: '7',
          sourceRef: 's3://b/img.png',
          sourceUrl: 'https://s3.test/img.png?sig',
          label: {
            image_size: [{ width: 1120, height: 880, depth: 3 }],
            annotations: [
              { class_id: 0, left: 112, top: 88, width: 224, height: 176 },
              { class_id: 1, left: 560, top: 440, width: 112, height: 88 },
            ],
          },
          metadata: { 'class-map': { '0': 'car', '1': 'bike' }, objects: [{ confidence: 0.9 }, { confidence: 0.5 }] },
          confidence: 0.7,
          humanAnnotated: true,
        },
      ]),
    });
    const card = root.querySelector('[data-testid="object-7"]')!;
    expect(card.querySelector('img')!.getAttribute('src')).toBe('https://s3.test/img.png?sig');
    // 1120×880 fits a 280×220 card at a quarter of its size
    expect(card.querySelector('img')!.getAttribute('width')).toBe('280');
    const boxes = [...card.querySelectorAll('[data-testid="box"]')];
    expect(boxes.map((b) => b.getAttribute('data-label'))).toEqual(['car', 'bike']);
    const rect = boxes[0].querySelector('rect')!;
    expect([rect.getAttribute('x'), rect.getAttribute('y'), rect.getAttribute('width'), rect.getAttribute('height')]).toEqual(['28', '22', '56', '44']);
    expect(boxes[0].textContent).toContain('car 90%');
    expect(card.querySelector('[data-testid="confidence"]')!.textContent).toBe('confidence 70%');
    expect(card.querySelector('[data-testid="annotated-by"]')!.textContent).toBe('human');
  });

  it('highlights named entities by code point offsets, past an emoji', async () => {
    const text = 'I 😀 met Ana in Oslo';
    const { root } = await mount({
      'GET /jobs/cars/objects': page('NamedEntityRecognition', [
        {
          line: 1,
          datasetObjectId: '3',
          source: text,
          label: {
            annotations: {
              labels: [{ label: 'person' }, { label: 'city' }],
              entities: [
                { label: 'person', startOffset: 8, endOffset: 11 },
                { label: 'city', startOffset: 15, endOffset: 19 },
              ],
            },
          },
          metadata: { entities: [{ confidence: 0.8 }, { confidence: 0.6 }] },
          confidence: 0.7,
          humanAnnotated: false,
        },
      ]),
    });
    const card = root.querySelector('[data-testid="object-3"]')!;
    const entities = [...card.querySelectorAll('[data-testid="entity"]')];
    expect(entities.map((e) => [e.textContent, e.getAttribute('data-label')])).toEqual([
      ['Ana', 'person'],
      ['Oslo', 'city'],
    ]);
    expect(card.querySelector('.text-object')!.textContent).toBe(text);
    expect(card.querySelector('[data-testid="annotated-by"]')!.textContent).toBe('machine');
  });

  it('overlays a segmentation mask with a legend, and shows classes as chips', async () => {
    const { root } = await mount({
      'GET /jobs/cars/objects': page('SemanticSegmentation', [
        {
          line: 1,
          datasetObjectId: '1',
          sourceUrl: 'https://s3.test/img.png',
          label: 's3://b/mask.png',
          labelUrl: 'https://s3.test/mask.png?sig',
          metadata: {
            'internal-color-map': {
              '0': { 'class-name': 'BACKGROUND', 'hex-color': '#ffffff', confidence: 0.8 },
              '1': { 'class-name': 'road', 'hex-color': '#f28333', confidence: 0.8 },
            },
          },
          confidence: 0.8,
          humanAnnotated: true,
        },
      ]),
    });
    const card = root.querySelector('[data-testid="object-1"]')!;
    expect(card.querySelector('[data-testid="mask"]')!.getAttribute('src')).toBe('https://s3.test/mask.png?sig');
    expect(card.querySelector('[data-testid="mask-legend"]')!.textContent).toContain('road');
  });

  it('re-queries the API with the filters, offering the labels seen', async () => {
    const { browser, root, calls } = await mount({
      'GET /jobs/cars/objects': page('ImageMultiClass', [
        { line: 1, datasetObjectId: '0', sourceUrl: 'u', label: 0, metadata: { 'class-name': 'cat', confidence: 0.9 }, confidence: 0.9, humanAnnotated: true },
        { line: 2, datasetObjectId: '1', sourceUrl: 'u', label: 1, metadata: { 'class-name': 'dog', confidence: 0.6 }, confidence: 0.6, humanAnnotated: true },
      ]),
    });
    expect([...root.querySelectorAll('[data-testid="object-0"] [data-testid="class-chip"]')].map((c) => c.textContent!.trim())).toEqual(['cat 90%']);
    const label = root.querySelector<HTMLSelectElement>('select[name="label"]')!;
    expect([...label.options].map((o) => o.value)).toEqual(['', 'cat', 'dog']);
    label.value = 'dog';
    label.dispatchEvent(new Event('change'));
    await settle(browser);
    const confidence = root.querySelector<HTMLInputElement>('input[name="minConfidence"]')!;
    confidence.value = '0.5';
    confidence.dispatchEvent(new Event('change'));
    await settle(browser);
    const by = root.querySelector<HTMLSelectElement>('select[name="annotatedBy"]')!;
    by.value = 'machine';
    by.dispatchEvent(new Event('change'));
    await settle(browser);
    expect(calls.map((c) => [c.query.get('label'), c.query.get('minConfidence'), c.query.get('annotatedBy')])).toEqual([
      [null, null, null],
      ['dog', null, null],
      ['dog', '0.5', null],
      ['dog', '0.5', 'machine'],
    ]);
  });

  it('pages with Load more and opens an object’s worker answers', async () => {
    const { browser, root, calls } = await mount({
      'GET /jobs/cars/objects': (call) =>
        call.query.get('nextToken') === 'n2'
          ? page('TextMultiClass', [{ line: 2, datasetObjectId: '1', source: 'meh', label: 0, metadata: { 'class-name': 'sad' }, humanAnnotated: true }])
          : page('TextMultiClass', [{ line: 1, datasetObjectId: '0', source: 'yay', label: 1, metadata: { 'class-name': 'happy' }, humanAnnotated: true }], { nextToken: 'n2' }),
      'GET /jobs/cars/objects/1/answers': {
        body: { answers: [{ workerId: 'ana', submittedAt: '2024-01-01T10:00:00Z', answer: { 'crowd-classifier': { label: 'sad' } } }] },
      },
    });
    root.querySelector<HTMLButtonElement>('[data-testid="load-more"]')!.click();
    await settle(browser);
    expect(root.querySelector('[data-testid="object-0"]')).not.toBeNull();
    root.querySelector<HTMLElement>('[data-testid="object-1"]')!.click();
    await settle(browser);
    expect(calls.at(-1)!.path).toBe('/jobs/cars/objects/1/answers');
    const answer = root.querySelector('[data-testid="object-detail"] [data-testid="answer-ana"]')!.textContent!;
    expect(answer).toContain('sad');
    root.querySelector<HTMLButtonElement>('[data-testid="close-detail"]')!.click();
    await settle(browser);
    expect(root.querySelector('[data-testid="object-detail"]')).toBeNull();
  });

  it('says when the output is not written yet, and offers the download once it is', async () => {
    const pending = await mount({ 'GET /jobs/cars/objects': page('Custom', [], { outputAvailable: false }) });
    expect(pending.root.querySelector('[data-testid="output-pending"]')!.textContent).toContain('not available yet');
    expect(pending.root.querySelector('[data-testid="download-output"]')).toBeNull();
    document.body.innerHTML = '';

    const done = await mount({
      'GET /jobs/cars/objects': page('Custom', [{ line: 1, datasetObjectId: '0', source: 'x', label: { answer: 'ok' }, humanAnnotated: true }]),
      'GET /jobs/cars/output': { body: { manifestS3Uri: 's3://b/o', url: 'https://s3.test/o?sig' } },
    });
    expect(done.root.querySelector('[data-testid="custom-label"]')!.textContent).toContain('"answer": "ok"');
    const opened: string[] = [];
    done.browser.openUrl = (url) => opened.push(url);
    done.root.querySelector<HTMLButtonElement>('[data-testid="download-output"]')!.click();
    await settle(done.browser);
    expect(opened).toEqual(['https://s3.test/o?sig']);
  });
});
