import { html } from 'lit';
import { SegmentationTool } from './seg-tool';
import { answerKey, taskLabels } from './types';
import { instanceAnswer } from './answers';
import type { LabelMap } from './labelmap';
import { maskColours } from './palette';

/**
 * Instance segmentation (Ground Truth's crowd-instance-segmentation): the segmentation tool's brush, eraser and
 * polygon paint instances rather than labels. "+ label" adds an instance of that label with a colour of its own; the
 * answer lists each instance's colour and label beside the mask.
 */
export class InstanceSegmentationTool extends SegmentationTool {
  static properties = { ...SegmentationTool.properties, instances: { state: true } };

  /** The label index of each instance, in the order they were added. */
  declare instances: number[];

  constructor() {
    super();
    this.instances = [];
  }

  /** The instances, named "<label> <n>", are what the label bar offers and the mask's classes stand for. */
  protected get labels(): string[] {
    const labels = taskLabels(this.task);
    const seen = new Map<number, number>();
    return this.instances.map((label) => {
      const n = (seen.get(label) ?? 0) + 1;
      seen.set(label, n);
      return `${labels[label]} ${n}`;
    });
  }

  willUpdate(changed: Map<string, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('instances')) {
      // Palette colours in order, so adding an instance keeps the others' colours.
      this.colours = maskColours(this.labels);
    }
  }

  /** Adds an instance of label `label` and makes it the one painted. */
  addInstance(label: number): void {
    if (label < 0 || label >= taskLabels(this.task).length) return;
    this.instances = [...this.instances, label];
    this.pickLabel(this.instances.length - 1);
  }

  protected canPaint(): boolean {
    return this.instances.length > 0;
  }

  protected answerFor(map: LabelMap, pngBase64: string): Record<string, unknown> {
    return instanceAnswer({
      key: answerKey(this.task, 'crowd-instance-segmentation'),
      labels: taskLabels(this.task),
      instances: this.instances,
      colours: this.colours,
      imageWidth: map.width,
      imageHeight: map.height,
      pngBase64,
    });
  }

  protected renderExtraTools(): unknown {
    return taskLabels(this.task).map(
      (label, i) => html`<button type="button" data-testid="add-instance-${i}" title="Add an instance of ${label}" @click=${() => this.addInstance(i)}>+ ${label}</button>`,
    );
  }
}

if (!customElements.get('verity-instance-seg-tool')) {
  customElements.define('verity-instance-seg-tool', InstanceSegmentationTool);
}
