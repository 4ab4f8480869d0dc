import type { LabeledBox, Point } from './geometry';
import { toHex } from './palette';

/**
 * answerContent builders, one per crowd element, mirroring what each task type's validateAnswer accepts (see
 * functions/.../tasktype). Each returns the answer or a hint saying why it cannot be submitted yet.
 */
export type Built = { ok: true; content: Record<string, unknown> } | { ok: false; hint: string };

const missing = (hint: string): Built => ({ ok: false, hint });

/** {"<key>":{"label":"<category>", "workerComment"?}}: single-label classification and box verification. */
export function singleLabelAnswer(key: string, labels: readonly string[], picked: number | null, comment = ''): Built {
  if (picked === null || labels[picked] === undefined) {
    return missing('pick a label');
  }
  const answer: Record<string, unknown> = { label: labels[picked] };
  if (comment.trim()) {
    answer.workerComment = comment.trim();
  }
  return { ok: true, content: { [key]: answer } };
}

/** {"<key>":{"labels":[...]}} in category order; the server wants at least one. */
export function multiLabelAnswer(key: string, labels: readonly string[], ticked: ReadonlySet<number>): Built {
  const chosen = labels.filter((_, i) => ticked.has(i));
  if (chosen.length === 0) {
    return missing('tick at least one label');
  }
  return { ok: true, content: { [key]: { labels: chosen } } };
}

export interface BoxAnswerInput {
  key: string;
  labels: readonly string[];
  boxes: readonly LabeledBox[];
  imageWidth: number;
  imageHeight: number;
  /** The earlier boxes when adjusting: the answer then says whether the worker changed them. */
  initial?: readonly LabeledBox[] | null;
}

/** {"boundingBox":{"boundingBoxes":[{height,label,left,top,width}],"inputImageProperties":{height,width}}}. */
export function boxAnswer(input: BoxAnswerInput): Built {
  const { key, labels, boxes, imageWidth, imageHeight, initial } = input;
  if (!(imageWidth >= 1 && imageHeight >= 1)) {
    return missing('the image has not loaded yet');
  }
  if (boxes.length > 500) {
    return missing(`${boxes.length} boxes drawn; at most 500 are allowed`);
  }
  for (const [i, box] of boxes.entries()) {
    if (labels[box.label] === undefined) {
      return missing(`box ${i + 1} has no label`);
    }
    if (box.width <= 0 || box.height <= 0 || box.left < 0 || box.top < 0 || box.left + box.width > imageWidth || box.top + box.height > imageHeight) {
      return missing(`box ${i + 1} is empty or outside the image`);
    }
  }
  const element: Record<string, unknown> = {
    boundingBoxes: boxes.map((b) => ({ height: b.height, label: labels[b.label], left: b.left, top: b.top, width: b.width })),
    inputImageProperties: { height: imageHeight, width: imageWidth },
  };
  if (initial) {
    element.initialValueModified = !sameBoxList(boxes, initial);
  }
  return { ok: true, content: { [key]: element } };
}

function sameBoxList(a: readonly LabeledBox[], b: readonly LabeledBox[]): boolean {
  const text = (list: readonly LabeledBox[]) => list.map((x) => `${x.label}:${x.left},${x.top},${x.width},${x.height}`).sort().join('|');
  return a.length === b.length && text(a) === text(b);
}

export interface MaskAnswerInput {
  key: string;
  labels: readonly string[];
  /** RGB per label, as painted in the PNG. */
  colours: readonly number[];
  imageWidth: number;
  imageHeight: number;
  pngBase64: string;
  /** Set when adjusting an earlier mask. */
  initialValueModified?: boolean;
}

/** {"crowd-semantic-segmentation":{inputImageProperties, labelMappings, labeledImage:{pngImageData}}}. */
export function maskAnswer(input: MaskAnswerInput): Record<string, unknown> {
  const labelMappings: Record<string, { color: string }> = {};
  input.labels.forEach((label, i) => (labelMappings[label] = { color: toHex(input.colours[i]) }));
  const element: Record<string, unknown> = {
    inputImageProperties: { height: input.imageHeight, width: input.imageWidth },
    labelMappings,
    labeledImage: { pngImageData: input.pngBase64 },
  };
  if (input.initialValueModified !== undefined) {
    element.initialValueModified = input.initialValueModified;
  }
  return { [input.key]: element };
}

/** An entity in code points, [start, end), its label an index into the task's labels. */
export interface Entity {
  label: number;
  start: number;
  end: number;
}

/** {"crowd-entity-annotation":{"entities":[{label,startOffset,endOffset}]}} in text order; none is a valid answer. */
export function entityAnswer(key: string, labels: readonly string[], entities: readonly Entity[], textLength: number): Built {
  const sorted = [...entities].sort((a, b) => a.start - b.start);
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i];
    if (labels[e.label] === undefined || e.start < 0 || e.end <= e.start || e.end > textLength) {
      return missing(`entity ${i + 1} is empty, unlabeled or past the text`);
    }
    if (i > 0 && sorted[i - 1].end > e.start) {
      return missing(`entities ${i} and ${i + 1} overlap`);
    }
  }
  return { ok: true, content: { [key]: { entities: sorted.map((e) => ({ label: labels[e.label], startOffset: e.start, endOffset: e.end })) } } };
}

/** Vertex shapes of Ground Truth's crowd-polygon, crowd-polyline, crowd-line and crowd-keypoint. */
export type ShapeKind = 'polygon' | 'polyline' | 'line' | 'keypoint';

/** A drawn shape in whole image pixels: its label an index into the task's labels. */
export interface Shape {
  label: number;
  vertices: Point[];
}

/**
 * The answer's list key, the vertex counts each kind allows, and whether its answer says if an initial value was
 * modified (documented for lines and polylines only).
 */
export const SHAPE_KINDS: Record<ShapeKind, { list: string; min: number; max: number; tracksInitial: boolean }> = {
  polygon: { list: 'polygons', min: 3, max: Infinity, tracksInitial: false },
  polyline: { list: 'polylines', min: 2, max: Infinity, tracksInitial: true },
  line: { list: 'lines', min: 2, max: 2, tracksInitial: true },
  keypoint: { list: 'keypoints', min: 1, max: 1, tracksInitial: false },
};

export interface ShapeAnswerInput {
  key: string;
  kind: ShapeKind;
  labels: readonly string[];
  shapes: readonly Shape[];
  imageWidth: number;
  imageHeight: number;
  /** The shapes an initial-value gave: a line's or polyline's answer then says whether the worker changed them. */
  initial?: readonly Shape[] | null;
}

/**
 * {"<key>":{"inputImageProperties":{height,width},"polygons"|"polylines"|"lines":[{label,vertices:[{x,y}]}]}}, and
 * for keypoints "keypoints":[{label,x,y}], as Ground Truth's elements submit them.
 */
export function shapeAnswer(input: ShapeAnswerInput): Built {
  const { key, kind, labels, shapes, imageWidth, imageHeight, initial } = input;
  if (!(imageWidth >= 1 && imageHeight >= 1)) {
    return missing('the image has not loaded yet');
  }
  const { list, min, max, tracksInitial } = SHAPE_KINDS[kind];
  for (const [i, shape] of shapes.entries()) {
    if (labels[shape.label] === undefined) {
      return missing(`${kind} ${i + 1} has no label`);
    }
    if (shape.vertices.length < min || shape.vertices.length > max) {
      return missing(`${kind} ${i + 1} has ${shape.vertices.length} points`);
    }
    if (shape.vertices.some((v) => v.x < 0 || v.y < 0 || v.x > imageWidth || v.y > imageHeight)) {
      return missing(`${kind} ${i + 1} reaches outside the image`);
    }
  }
  const items = shapes.map((s) =>
    kind === 'keypoint'
      ? { label: labels[s.label], x: s.vertices[0].x, y: s.vertices[0].y }
      : { label: labels[s.label], vertices: s.vertices.map((v) => ({ x: v.x, y: v.y })) },
  );
  const element: Record<string, unknown> = { inputImageProperties: { height: imageHeight, width: imageWidth }, [list]: items };
  if (initial && tracksInitial) {
    element.initialValueModified = !sameShapes(shapes, initial);
  }
  return { ok: true, content: { [key]: element } };
}

function sameShapes(a: readonly Shape[], b: readonly Shape[]): boolean {
  const text = (list: readonly Shape[]) => JSON.stringify(list.map((s) => [s.label, s.vertices.map((v) => [v.x, v.y])]));
  return text(a) === text(b);
}

/**
 * Shapes given as an initial-value: [{label, vertices:[{x,y}]}] (keypoints: [{label, x, y}]), or that list under
 * the kind's key ({lines: [...]}), as label indices; shapes whose label is not one of the task's are left out and counted.
 */
export function shapesFromInitialValue(value: unknown, kind: ShapeKind, labels: readonly string[]): { shapes: Shape[]; skipped: number } {
  const listed = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[SHAPE_KINDS[kind].list] : value;
  const shapes: Shape[] = [];
  let skipped = 0;
  for (const item of Array.isArray(listed) ? listed : []) {
    const shape = (item ?? {}) as Record<string, unknown>;
    const label = labels.indexOf(String(shape.label));
    const raw = kind === 'keypoint' ? [shape] : Array.isArray(shape.vertices) ? shape.vertices : [];
    const vertices = raw.map((v: Record<string, unknown>) => ({ x: Number(v?.x), y: Number(v?.y) }));
    const { min, max } = SHAPE_KINDS[kind];
    if (label < 0 || vertices.length < min || vertices.length > max || vertices.some((v) => !Number.isFinite(v.x) || !Number.isFinite(v.y))) {
      skipped++;
      continue;
    }
    shapes.push({ label, vertices });
  }
  return { shapes, skipped };
}

export interface InstanceAnswerInput {
  key: string;
  labels: readonly string[];
  /** The label index of each instance, in the order their colours were given. */
  instances: readonly number[];
  /** RGB per instance, as painted in the PNG. */
  colours: readonly number[];
  imageWidth: number;
  imageHeight: number;
  pngBase64: string;
}

/** {"<key>":{"inputImageProperties":{height,width},"instances":[{color,label}],"labeledImage":{"pngImageData"}}}. */
export function instanceAnswer(input: InstanceAnswerInput): Record<string, unknown> {
  return {
    [input.key]: {
      inputImageProperties: { height: input.imageHeight, width: input.imageWidth },
      instances: input.instances.map((label, i) => ({ color: toHex(input.colours[i]), label: input.labels[label] })),
      labeledImage: { pngImageData: input.pngBase64 },
    },
  };
}

/** A custom task's answer: any JSON object the worker typed. */
export function customAnswer(text: string): Built {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return missing(`the answer is not valid JSON: ${(e as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return missing('the answer must be a JSON object, e.g. {"answer": "..."}');
  }
  if (Object.keys(value).length === 0) {
    return missing('type the answer: the JSON object is empty');
  }
  return { ok: true, content: value as Record<string, unknown> };
}

/**
 * Boxes given as Ground Truth's crowd-bounding-box initial-value ([{label, left, top, width, height}]), as label
 * indices; boxes whose label is not one of the task's are left out and counted.
 */
export function boxesFromInitialValue(value: unknown, labels: readonly string[]): { boxes: LabeledBox[]; skipped: number } {
  const boxes: LabeledBox[] = [];
  let skipped = 0;
  for (const item of Array.isArray(value) ? value : []) {
    const box = item as Record<string, unknown>;
    const label = labels.indexOf(String(box?.label));
    const numbers = [box?.left, box?.top, box?.width, box?.height].map(Number);
    if (label < 0 || numbers.some((n) => !Number.isFinite(n))) {
      skipped++;
      continue;
    }
    const [left, top, width, height] = numbers;
    boxes.push({ label, left, top, width, height });
  }
  return { boxes, skipped };
}

/** A box drawn by an earlier job, named by its class. */
export interface EarlierBox {
  label: string;
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The earlier job's boxes in a verification task's manifest line: the last attribute whose "-metadata".type is
 * groundtruth/object-detection, each annotation's class_id named through the metadata's class-map (as the server's
 * EarlierBoxLabel reads them).
 */
export function earlierBoxes(manifestLine: Record<string, unknown> | undefined | null): EarlierBox[] {
  if (!manifestLine) {
    return [];
  }
  let attribute: string | null = null;
  for (const name of Object.keys(manifestLine)) {
    const metadata = manifestLine[`${name}-metadata`] as Record<string, unknown> | undefined;
    const value = manifestLine[name];
    if (value && typeof value === 'object' && !Array.isArray(value) && metadata?.type === 'groundtruth/object-detection') {
      attribute = name;
    }
  }
  if (!attribute) {
    return [];
  }
  const classMap = ((manifestLine[`${attribute}-metadata`] as Record<string, unknown>)['class-map'] ?? {}) as Record<string, unknown>;
  const annotations = (manifestLine[attribute] as Record<string, unknown>).annotations;
  return (Array.isArray(annotations) ? annotations : []).map((a: Record<string, unknown>) => ({
    label: String(classMap[String(a.class_id)] ?? `class ${a.class_id}`),
    left: Number(a.left) || 0,
    top: Number(a.top) || 0,
    width: Number(a.width) || 0,
    height: Number(a.height) || 0,
  }));
}
