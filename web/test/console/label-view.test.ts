import { describe, expect, it } from 'vitest';
import { answerMaskPng, labelView, namesIn, summarizeAnswer } from '../../src/console/label-view';
import type { DataObjectView } from '../../src/console/types';

const object = (label: unknown, metadata: Record<string, unknown>, extra: Partial<DataObjectView> = {}): DataObjectView => ({
  line: 1,
  datasetObjectId: '0',
  label,
  metadata,
  humanAnnotated: true,
  ...extra,
});

describe('labelView reads Ground Truth’s output per task type', () => {
  it('single-label classification: the class name and confidence from the metadata', () => {
    const view = labelView('ImageMultiClass', object(1, { 'class-name': 'dog', confidence: 0.93 }));
    expect(view).toEqual({ kind: 'classes', classes: [{ name: 'dog', index: 1, confidence: 0.93 }] });
    // the docs show the index as a string too
    expect(labelView('TextMultiClass', object('0', { 'class-name': 'positive' }))).toEqual({
      kind: 'classes',
      classes: [{ name: 'positive', index: 0, confidence: undefined }],
    });
  });

  it('multi-label: names from the class-map and confidences from the confidence-map', () => {
    const view = labelView(
      'ImageMultiClassMultiLabel',
      object([1, 0], { 'class-map': { '1': 'bicycle', '0': 'person' }, 'confidence-map': { '1': 0.95, '0': 0.77 } }),
    );
    expect(view).toEqual({
      kind: 'classes',
      classes: [
        { name: 'bicycle', index: 1, confidence: 0.95 },
        { name: 'person', index: 0, confidence: 0.77 },
      ],
    });
  });

  it('bounding boxes: pixel boxes with class names and per-box confidences', () => {
    const view = labelView(
      'BoundingBox',
      object(
        { image_size: [{ width: 500, height: 400, depth: 3 }], annotations: [{ class_id: 5, left: 111, top: 134, width: 61, height: 128 }] },
        { objects: [{ confidence: 0.8 }], 'class-map': { '0': 'dog', '5': 'bone' } },
      ),
    );
    expect(view).toEqual({
      kind: 'boxes',
      imageSize: { width: 500, height: 400 },
      boxes: [{ left: 111, top: 134, width: 61, height: 128, index: 5, name: 'bone', confidence: 0.8 }],
      adjustment: undefined,
    });
    expect(namesIn(view)).toEqual(['bone']);
  });

  it('segmentation: the presigned mask and a legend from the internal colour map, background last out of the filter', () => {
    const view = labelView(
      'SemanticSegmentation',
      object(
        's3://b/mask.png',
        {
          'internal-color-map': {
            '1': { 'class-name': 'road', confidence: 0.9, 'hex-color': '#f28333' },
            '0': { 'class-name': 'BACKGROUND', confidence: 0.9, 'hex-color': '#ffffff' },
          },
        },
        { labelUrl: 'https://s3/mask.png?sig' },
      ),
    );
    expect(view).toEqual({
      kind: 'mask',
      maskUrl: 'https://s3/mask.png?sig',
      legend: [
        { name: 'BACKGROUND', index: 0, colour: '#ffffff', confidence: 0.9 },
        { name: 'road', index: 1, colour: '#f28333', confidence: 0.9 },
      ],
    });
    expect(namesIn(view)).toEqual(['road']);
  });

  it('named entities: spans with their confidences', () => {
    const view = labelView(
      'NamedEntityRecognition',
      object(
        { annotations: { labels: [{ label: 'Date' }], entities: [{ label: 'Date', startOffset: 3, endOffset: 9 }] } },
        { entities: [{ confidence: 0.5 }] },
      ),
    );
    expect(view).toEqual({ kind: 'entities', entities: [{ label: 'Date', startOffset: 3, endOffset: 9, confidence: 0.5 }] });
  });

  it('verification: the verdict and the workers’ comments', () => {
    const view = labelView('VerificationBoundingBox', object('1', { 'class-name': 'bad', confidence: 0.93, 'worker-feedback': [{ comment: 'box too big' }] }));
    expect(view).toEqual({ kind: 'verdict', verdict: 'bad', confidence: 0.93, comments: ['box too big'] });
  });

  it('custom: the label as JSON; no label: none', () => {
    expect(labelView('Custom', object({ answer: { sentiment: 'happy' } }, {}))).toEqual({ kind: 'json', value: { answer: { sentiment: 'happy' } } });
    expect(labelView('BoundingBox', object(undefined, {}))).toEqual({ kind: 'none' });
  });

  it('does not throw on malformed labels', () => {
    expect(labelView('BoundingBox', object('nonsense', {}))).toEqual({ kind: 'boxes', imageSize: undefined, boxes: [], adjustment: undefined });
    expect(labelView('NamedEntityRecognition', object(42, {}))).toEqual({ kind: 'entities', entities: [] });
  });
});

describe('worker answers in a line', () => {
  it('summarizes each crowd element’s output', () => {
    expect(summarizeAnswer({ 'crowd-image-classifier': { label: 'Owl' } })).toBe('Owl');
    expect(summarizeAnswer({ 'crowd-classifier-multi-select': { labels: ['a', 'b'] } })).toBe('a, b');
    expect(summarizeAnswer({ boundingBox: { boundingBoxes: [{ label: 'car' }, { label: 'bike' }] } })).toBe('2 boxes: car, bike');
    expect(summarizeAnswer({ 'crowd-entity-annotation': { entities: [{ label: 'person' }] } })).toBe('1 entity: person');
    expect(summarizeAnswer({ form: { free: 'text', n: 2 } })).toBe('{"form":{"free":"text","n":2}}');
  });

  it('finds a segmentation answer’s PNG', () => {
    const answer = { 'crowd-semantic-segmentation': { labeledImage: { pngImageData: 'iVBOR' } } };
    expect(answerMaskPng(answer)).toBe('iVBOR');
    expect(summarizeAnswer(answer)).toBe('painted mask');
    expect(answerMaskPng({ x: { label: 'a' } })).toBeUndefined();
  });
});
