/**
 * Ground Truth's drawing and marking Crowd HTML Elements for the task frame, each a thin host around one of the
 * portal's own tools (box, shape, mask, instance mask, entity), fed from the element's attributes. The host is a
 * form field in crowd-elements.js's sense: crowdAnswer() gives the tool's answer under the element's name, and
 * crowdMissing() the tool's hint. Keys pressed in the frame go to the tool of the element last worked on.
 */
import '../worker/bbox-tool';
import '../worker/shape-tool';
import '../worker/seg-tool';
import '../worker/instance-seg-tool';
import '../worker/ner-tool';
import type { ToolElement } from '../worker/tool';
import type { Task, TaskInput, TaskTypeName, TaskUi } from '../worker/types';
import type { Entity, ShapeKind } from '../worker/answers';
import type { EntityTool } from '../worker/ner-tool';
import type { ShapeTool } from '../worker/shape-tool';
import { codePointLength } from '../core/code-points';
import { parseRelaxedJson } from './relaxed-json';

/** The key the hosted tool answers under; the host renames it to its own name. */
const KEY = 'answer';

/** A label as the labels attribute gives it: a string, or {label, fullDisplayName?, shortDisplayName?}. */
export function parseLabels(text: string | null): string[] {
  const value = parseRelaxedJson(text ?? '');
  if (!Array.isArray(value) || value.length === 0) {
    throw new Error('labels is not a non-empty JSON array');
  }
  return value.map((item) => {
    const label = item !== null && typeof item === 'object' ? (item as Record<string, unknown>).label : item;
    if (typeof label !== 'string' || label === '') {
      throw new Error(`labels holds ${JSON.stringify(item)}, which is not a label`);
    }
    return label;
  });
}

let lastWorked: AnnotationElement | null = null;

function make(tag: string, attributes: Record<string, string>, text?: string): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** What an element gives its tool to show: its type where the tool needs it, its image or text, labels, initial value. */
interface HostedTask {
  taskType?: TaskTypeName;
  taskInput: TaskInput;
  ui?: Partial<TaskUi>;
}

/** One Crowd HTML Element hosting a portal tool. */
abstract class AnnotationElement extends HTMLElement {
  protected tool: ToolElement | null = null;
  protected labels: string[] = [];
  private error: string | null = null;
  private built = false;

  /** The tool's element name. */
  protected abstract readonly toolTag: string;

  /** The task the tool shows: the element's image (or text), labels and initial value. */
  protected abstract task(initial: unknown): HostedTask;

  connectedCallback(): void {
    if (this.built) return;
    this.built = true;
    // After the parser has added the children too.
    queueMicrotask(() => this.build());
  }

  protected build(): void {
    if (!this.hasAttribute('tabindex')) this.setAttribute('tabindex', '-1'); // so a click inside makes it the key target
    this.addEventListener('pointerdown', () => (lastWorked = this));
    this.addEventListener('focusin', () => (lastWorked = this));
    const first = this.firstChild;
    if (this.hasAttribute('header')) this.insertBefore(make('div', { class: 'crowd-header' }, this.getAttribute('header')!), first);
    const full = [...this.children].find((c) => c.localName === 'full-instructions') as HTMLElement | undefined;
    if (full) {
      full.hidden = true;
      const link = make('button', { type: 'button', class: 'crowd-link' }, full.getAttribute('header') || 'View full instructions');
      link.addEventListener('click', () => (full.hidden = !full.hidden));
      this.insertBefore(link, full);
    }
    let initial: unknown;
    try {
      this.labels = parseLabels(this.getAttribute('labels'));
      initial = this.hasAttribute('initial-value') ? parseRelaxedJson(this.getAttribute('initial-value')!) : undefined;
    } catch (e) {
      this.error = `${this.describe()} cannot be shown: ${(e as Error).message}`;
      this.appendChild(make('p', { class: 'crowd-unsupported' }, this.error));
      return;
    }
    const tool = document.createElement(this.toolTag) as ToolElement;
    const task = this.task(initial);
    // Not an API task: the hosted tools read only its type, input and ui labels and name.
    tool.task = { assignmentId: '', jobName: '', ...task, ui: { ...task.ui, name: KEY } } as Task;
    this.tool = tool;
    // Below the header and instructions, above anything else the template put inside.
    const preamble = (n: ChildNode) =>
      !(n instanceof Element) || ['short-instructions', 'full-instructions'].includes(n.localName) || n.matches('.crowd-header, .crowd-link');
    this.insertBefore(tool, [...this.childNodes].find((n) => !preamble(n)) ?? null);
  }

  protected describe(): string {
    return `"${this.getAttribute('header') || this.getAttribute('name') || this.localName}"`;
  }

  /** crowd-elements.js's field protocol: the answer, which the form awaits. */
  crowdAnswer(): { value: Promise<unknown> } {
    return { value: this.tool!.answerContent().then((content) => content[KEY]) };
  }

  crowdMissing(): string | null {
    if (this.error) return this.error;
    const hint = this.tool?.hint();
    return hint ? `${this.describe()}: ${hint}` : null;
  }

  /** Key n (or the portal's pick): label n - 1. */
  pick(index: number): boolean {
    if (!this.tool || index < 0 || index >= this.labels.length) return false;
    lastWorked = this;
    this.tool.pickLabel(index);
    return true;
  }

  /** Enter, Escape and the tool's own keys; true if the tool used the key. */
  key(event: KeyboardEvent): boolean {
    if (!this.tool) return false;
    if (event.key === 'Enter') return this.tool.takeEnter();
    if (event.key === 'Escape') return this.tool.cancel();
    return this.tool.handleKey(event);
  }
}

class CrowdBoundingBox extends AnnotationElement {
  protected readonly toolTag = 'verity-bbox-tool';
  protected task(initial: unknown) {
    const taskType: TaskTypeName = initial === undefined ? 'BoundingBox' : 'AdjustmentBoundingBox';
    return { taskType, taskInput: { taskObject: this.getAttribute('src') ?? '', labels: this.labels, initialValue: initial } };
  }
}

/**
 * The label-colors attribute (documented for crowd-line and crowd-polyline): "#rrggbb" per label. Only colours, so
 * anything else (or an unreadable list) leaves that label the palette's colour.
 */
export function parseLabelColours(text: string | null): Array<string | null> {
  let value: unknown;
  try {
    value = text === null ? [] : parseRelaxedJson(text);
  } catch {
    return [];
  }
  return Array.isArray(value) ? value.map((c) => (typeof c === 'string' && /^#[0-9a-f]{6}$/i.test(c) ? c : null)) : [];
}

/** crowd-polygon, crowd-polyline, crowd-line and crowd-keypoint. */
function shapeElement(kind: ShapeKind) {
  return class extends AnnotationElement {
    protected readonly toolTag = 'verity-shape-tool';
    protected task(initial: unknown) {
      return { taskInput: { taskObject: this.getAttribute('src') ?? '', labels: this.labels, initialValue: initial } };
    }
    protected build(): void {
      super.build();
      const tool = this.tool as ShapeTool | null;
      if (tool) {
        tool.kind = kind;
        tool.labelColours = parseLabelColours(this.getAttribute('label-colors'));
      }
    }
  };
}

class CrowdSemanticSegmentation extends AnnotationElement {
  protected readonly toolTag = 'verity-seg-tool';
  protected task(initial: unknown) {
    const taskType: TaskTypeName = initial === undefined ? 'SemanticSegmentation' : 'AdjustmentSemanticSegmentation';
    return { taskType, taskInput: { taskObject: this.getAttribute('src') ?? '', labels: this.labels, initialValue: initial } };
  }
}

class CrowdInstanceSegmentation extends AnnotationElement {
  protected readonly toolTag = 'verity-instance-seg-tool';
  protected task() {
    return { taskType: 'SemanticSegmentation' as TaskTypeName, taskInput: { taskObject: this.getAttribute('src') ?? '', labels: this.labels } };
  }
}

/** A crowd-form method, borrowed by the entity element, which is its own form when the template has none. */
function formMethod<T>(name: string): T {
  return (customElements.get('crowd-form')!.prototype as Record<string, T>)[name];
}

class CrowdEntityAnnotation extends AnnotationElement {
  protected readonly toolTag = 'verity-ner-tool';
  /** The labels as given, so the tool shows their display names. */
  protected task() {
    const labels = parseRelaxedJson(this.getAttribute('labels')!) as NonNullable<TaskUi['labels']>; // checked by parseLabels
    return { taskType: 'NamedEntityRecognition' as TaskTypeName, taskInput: { taskObject: this.getAttribute('text') ?? '' }, ui: { labels } };
  }

  protected build(): void {
    super.build();
    const tool = this.tool as EntityTool | null;
    const given = this.getAttribute('initial-value');
    if (tool && given) {
      tool.entities = entitiesFromInitialValue(parseRelaxedJson(given), this.labels, codePointLength(this.getAttribute('text') ?? ''));
    }
    if (!this.closest('crowd-form')) formMethod<() => void>('build').call(this); // its own Submit button
  }

  collect(): Promise<unknown> {
    return formMethod<() => Promise<unknown>>('collect').call(this);
  }

  showError(message: string, element: Element | null): void {
    formMethod<(m: string, e: Element | null) => void>('showError').call(this, message, element);
  }
}

/** Entities given as initial-value ([{label, startOffset, endOffset}]) that fit the text and do not overlap. */
export function entitiesFromInitialValue(value: unknown, labels: readonly string[], textLength: number): Entity[] {
  const out: Entity[] = [];
  for (const item of Array.isArray(value) ? value : []) {
    const e = (item ?? {}) as Record<string, unknown>;
    const label = labels.indexOf(String(e.label));
    const start = Number(e.startOffset);
    const end = Number(e.endOffset);
    const fits = label >= 0 && Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= textLength;
    if (fits && !out.some((o) => o.start < end && start < o.end)) out.push({ label, start, end });
  }
  return out.sort((a, b) => a.start - b.start);
}

export const ANNOTATION_ELEMENTS: Record<string, CustomElementConstructor> = {
  'crowd-bounding-box': CrowdBoundingBox,
  'crowd-polygon': shapeElement('polygon'),
  'crowd-polyline': shapeElement('polyline'),
  'crowd-line': shapeElement('line'),
  'crowd-keypoint': shapeElement('keypoint'),
  'crowd-semantic-segmentation': CrowdSemanticSegmentation,
  'crowd-instance-segmentation': CrowdInstanceSegmentation,
  'crowd-entity-annotation': CrowdEntityAnnotation,
};

const SELECTOR = Object.keys(ANNOTATION_ELEMENTS).join(', ');

/** The element a key is for: the one it was pressed in, else the one last worked on, else the only one. */
function keyTarget(event: KeyboardEvent): AnnotationElement | null {
  const own = (event.target as Element | null)?.closest?.(SELECTOR) as AnnotationElement | null;
  if (own) return own;
  if (lastWorked?.isConnected) return lastWorked;
  const all = document.querySelectorAll<AnnotationElement>(SELECTOR);
  return all.length === 1 ? all[0] : null;
}

function isTyping(target: EventTarget | null): boolean {
  const node = target as HTMLElement | null;
  if (!node || node.nodeType !== 1) return false;
  if (node.localName === 'textarea' || node.localName === 'select' || node.isContentEditable) return true;
  return node.localName === 'input' && !['button', 'checkbox', 'radio', 'range', 'submit', 'reset', 'color', 'file'].includes((node as HTMLInputElement).type);
}

/** Defines the elements and routes keys to their tools (before crowd-elements.js forwards Enter and Escape to the portal). */
export function defineAnnotationElements(): void {
  for (const [tag, element] of Object.entries(ANNOTATION_ELEMENTS)) {
    if (!customElements.get(tag)) customElements.define(tag, element);
  }
  document.addEventListener(
    'keydown',
    (event) => {
      const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
      if (event.defaultPrevented || isTyping(event.target) || (plain && /^[1-9]$/.test(event.key))) return;
      if (keyTarget(event)?.key(event)) event.preventDefault();
    },
    true,
  );
}
