import type { Box, Size } from './geometry';
import type { Entity } from './text-offsets';
import type { DataObjectView } from './types';

/**
 * What an object's consolidated label says, read from Ground Truth's per-type output (groundtruth.md §2.3) into a
 * shape the cards can draw. Reading is lenient: a field that is missing or malformed is left out, never thrown on.
 */
export type LabelView =
  | { kind: 'none' }
  | { kind: 'classes'; classes: ClassChip[] }
  | { kind: 'boxes'; imageSize?: Size; boxes: LabeledBox[]; adjustment?: string }
  | { kind: 'mask'; maskUrl?: string; legend: LegendEntry[] }
  | { kind: 'entities'; entities: Entity[] }
  | { kind: 'verdict'; verdict: string; confidence?: number; comments: string[] }
  | { kind: 'json'; value: unknown };

export interface ClassChip {
  name: string;
  /** The class index, for the label's colour. */
  index: number;
  confidence?: number;
}

export interface LabeledBox extends Box {
  name: string;
  index: number;
  confidence?: number;
}

export interface LegendEntry {
  name: string;
  index: number;
  colour: string;
  confidence?: number;
}

type Json = Record<string, unknown>;

const SINGLE_LABEL = new Set(['ImageMultiClass', 'TextMultiClass']);
const MULTI_LABEL = new Set(['ImageMultiClassMultiLabel', 'TextMultiClassMultiLabel']);
const BOXES = new Set(['BoundingBox', 'AdjustmentBoundingBox']);
const MASKS = new Set(['SemanticSegmentation', 'AdjustmentSemanticSegmentation']);

export function labelView(taskType: string, object: DataObjectView): LabelView {
  const label = object.label;
  const metadata = (isObject(object.metadata) ? object.metadata : {}) as Json;
  if (label === undefined || label === null) {
    return { kind: 'none' };
  }
  if (SINGLE_LABEL.has(taskType)) {
    const index = Number(label);
    const name = str(metadata['class-name']) ?? String(label);
    return { kind: 'classes', classes: [{ name, index: Number.isInteger(index) ? index : -1, confidence: num(metadata.confidence) }] };
  }
  if (MULTI_LABEL.has(taskType)) {
    const classMap = isObject(metadata['class-map']) ? (metadata['class-map'] as Json) : {};
    const confidenceMap = isObject(metadata['confidence-map']) ? (metadata['confidence-map'] as Json) : {};
    const ids = Array.isArray(label) ? label : [];
    return {
      kind: 'classes',
      classes: ids.map((id) => ({
        name: str(classMap[String(id)]) ?? String(id),
        index: Number(id),
        confidence: num(confidenceMap[String(id)]),
      })),
    };
  }
  if (BOXES.has(taskType)) {
    return boxes(label, metadata);
  }
  if (taskType === 'VerificationBoundingBox') {
    const feedback = Array.isArray(metadata['worker-feedback']) ? metadata['worker-feedback'] : [];
    return {
      kind: 'verdict',
      verdict: str(metadata['class-name']) ?? String(label),
      confidence: num(metadata.confidence),
      comments: feedback.map((f) => (isObject(f) ? str((f as Json).comment) : undefined)).filter((c): c is string => !!c),
    };
  }
  if (MASKS.has(taskType)) {
    const colourMap = isObject(metadata['internal-color-map']) ? (metadata['internal-color-map'] as Json) : {};
    const legend = Object.entries(colourMap)
      .filter(([, entry]) => isObject(entry))
      .map(([index, entry]) => {
        const e = entry as Json;
        return { name: str(e['class-name']) ?? index, index: Number(index), colour: str(e['hex-color']) ?? '#000000', confidence: num(e.confidence) };
      })
      .sort((a, b) => a.index - b.index);
    return { kind: 'mask', maskUrl: object.labelUrl, legend };
  }
  if (taskType === 'NamedEntityRecognition') {
    const annotations = isObject(label) && isObject((label as Json).annotations) ? ((label as Json).annotations as Json) : {};
    const list = Array.isArray(annotations.entities) ? annotations.entities : [];
    const confidences = Array.isArray(metadata.entities) ? metadata.entities : [];
    const entities: Entity[] = [];
    list.forEach((e, i) => {
      if (isObject(e) && typeof (e as Json).startOffset === 'number' && typeof (e as Json).endOffset === 'number') {
        const c = confidences[i];
        entities.push({
          label: str((e as Json).label) ?? '?',
          startOffset: (e as Json).startOffset as number,
          endOffset: (e as Json).endOffset as number,
          confidence: isObject(c) ? num((c as Json).confidence) : undefined,
        });
      }
    });
    return { kind: 'entities', entities };
  }
  return { kind: 'json', value: label };
}

function boxes(label: unknown, metadata: Json): LabelView {
  const value = isObject(label) ? (label as Json) : {};
  const size = Array.isArray(value.image_size) && isObject(value.image_size[0]) ? (value.image_size[0] as Json) : undefined;
  const imageSize = size && num(size.width) && num(size.height) ? { width: num(size.width)!, height: num(size.height)! } : undefined;
  const classMap = isObject(metadata['class-map']) ? (metadata['class-map'] as Json) : {};
  const objects = Array.isArray(metadata.objects) ? metadata.objects : [];
  const annotations = Array.isArray(value.annotations) ? value.annotations : [];
  const result: LabeledBox[] = [];
  annotations.forEach((a, i) => {
    if (!isObject(a)) {
      return;
    }
    const box = a as Json;
    const [left, top, width, height] = [num(box.left), num(box.top), num(box.width), num(box.height)];
    if (left === undefined || top === undefined || width === undefined || height === undefined) {
      return;
    }
    const index = Number(box.class_id);
    const confidence = isObject(objects[i]) ? num((objects[i] as Json).confidence) : undefined;
    result.push({ left, top, width, height, index, name: str(classMap[String(box.class_id)]) ?? String(box.class_id), confidence });
  });
  return { kind: 'boxes', imageSize, boxes: result, adjustment: str(metadata['adjustment-status']) };
}

/** The label names a view mentions, for the label filter. */
export function namesIn(view: LabelView): string[] {
  switch (view.kind) {
    case 'classes':
      return view.classes.map((c) => c.name);
    case 'boxes':
      return view.boxes.map((b) => b.name);
    case 'mask':
      return view.legend.map((l) => l.name).filter((name) => name !== 'BACKGROUND');
    case 'entities':
      return view.entities.map((e) => e.label);
    case 'verdict':
      return [view.verdict];
    default:
      return [];
  }
}

/** The label names of an NER job's output (its "labels" list), when the label carries them. */
export function entityLabelNames(label: unknown): string[] {
  const annotations = isObject(label) && isObject((label as Json).annotations) ? ((label as Json).annotations as Json) : {};
  const labels = Array.isArray(annotations.labels) ? annotations.labels : [];
  return labels.map((l) => (isObject(l) ? str((l as Json).label) : undefined)).filter((l): l is string => !!l);
}

/**
 * One worker's answer in a line: "cat", "cat, dog", "3 boxes: cat, cat, dog", "2 entities: …", "mask", or the JSON.
 * Answers are the crowd element's output keyed by the element's name.
 */
export function summarizeAnswer(answer: unknown): string {
  if (!isObject(answer)) {
    return JSON.stringify(answer);
  }
  const values = Object.values(answer as Json);
  const inner = values.length === 1 && isObject(values[0]) ? (values[0] as Json) : (answer as Json);
  if (typeof inner.label === 'string') {
    return inner.label;
  }
  if (Array.isArray(inner.labels) && inner.labels.every((l) => typeof l === 'string')) {
    return inner.labels.length ? inner.labels.join(', ') : '(none)';
  }
  if (Array.isArray(inner.boundingBoxes)) {
    const names = inner.boundingBoxes.map((b) => (isObject(b) ? str((b as Json).label) ?? '?' : '?'));
    return `${names.length} box${names.length === 1 ? '' : 'es'}${names.length ? ': ' + names.join(', ') : ''}`;
  }
  if (Array.isArray(inner.entities)) {
    const names = inner.entities.map((e) => (isObject(e) ? str((e as Json).label) ?? '?' : '?'));
    return `${names.length} entit${names.length === 1 ? 'y' : 'ies'}${names.length ? ': ' + names.join(', ') : ''}`;
  }
  if (isObject(inner.labeledImage)) {
    return 'painted mask';
  }
  return JSON.stringify(answer);
}

/** The base64 PNG of a segmentation answer (crowd-semantic-segmentation's labeledImage.pngImageData), if any. */
export function answerMaskPng(answer: unknown): string | undefined {
  if (!isObject(answer)) {
    return undefined;
  }
  for (const value of Object.values(answer as Json)) {
    if (isObject(value) && isObject((value as Json).labeledImage)) {
      return str(((value as Json).labeledImage as Json).pngImageData);
    }
  }
  return undefined;
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value;
  }
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value);
  }
  return undefined;
}
