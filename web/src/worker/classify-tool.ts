import { css, html, nothing, svg } from 'lit';
import { BuiltAnswerTool, labelBar, toolStyles } from './tool';
import { answerKey, taskLabels, taskTypeOf } from './types';
import { earlierBoxes, multiLabelAnswer, singleLabelAnswer, type Built } from './answers';
import { labelColour } from './palette';

/**
 * Classification of an image or a text, single- or multi-label, and bounding-box verification (an image with the
 * earlier boxes drawn read-only, judged with one of the job's verification labels and an optional comment).
 */
export class ClassifyTool extends BuiltAnswerTool {
  static properties = {
    picked: { state: true },
    ticked: { state: true },
    comment: { state: true },
    imageSize: { state: true },
    imageError: { state: true },
  };

  declare picked: number | null;
  declare ticked: Set<number>;
  declare comment: string;
  declare imageSize: { width: number; height: number } | null;
  declare imageError: string | null;

  static styles = [
    toolStyles,
    css`
      .object {
        background: #fff;
        border: 1px solid #e3e7ee;
        border-radius: 8px;
        padding: 12px;
        margin-bottom: 8px;
      }
      .text {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        font-size: 16px;
        line-height: 1.55;
        max-height: 55vh;
        overflow: auto;
      }
      .picture {
        position: relative;
        display: inline-block;
        max-width: 100%;
      }
      .picture img {
        display: block;
        max-width: 100%;
        max-height: 65vh;
        height: auto;
      }
      .picture svg {
        position: absolute;
        inset: 0;
        width: 100%;
        height: 100%;
        pointer-events: none;
      }
      textarea {
        width: 100%;
        box-sizing: border-box;
      }
    `,
  ];

  constructor() {
    super();
    this.picked = null;
    this.ticked = new Set();
    this.comment = '';
    this.imageSize = null;
    this.imageError = null;
  }

  private get type() {
    return taskTypeOf(this.task);
  }

  private get multi(): boolean {
    return this.type === 'ImageMultiClassMultiLabel' || this.type === 'TextMultiClassMultiLabel';
  }

  private get labels(): string[] {
    return taskLabels(this.task);
  }

  protected build(): Built {
    const key = answerKey(this.task, this.task.ui?.element ?? 'crowd-image-classifier');
    return this.multi ? multiLabelAnswer(key, this.labels, this.ticked) : singleLabelAnswer(key, this.labels, this.picked, this.comment);
  }

  pickLabel(index: number): void {
    if (index < 0 || index >= this.labels.length) {
      return;
    }
    if (this.multi) {
      const next = new Set(this.ticked);
      next.has(index) ? next.delete(index) : next.add(index);
      this.ticked = next;
    } else {
      this.picked = index;
    }
    this.changed();
  }

  cancel(): boolean {
    if (this.multi ? this.ticked.size === 0 : this.picked === null) {
      return false;
    }
    this.picked = null;
    this.ticked = new Set();
    this.changed();
    return true;
  }

  render() {
    const type = this.type;
    const isText = type === 'TextMultiClass' || type === 'TextMultiClassMultiLabel';
    const source = String(this.task.taskInput?.taskObject ?? '');
    return html`
      <div class="object">
        ${isText ? html`<div class="text" data-testid="task-text">${source}</div>` : this.renderImage(source, type === 'VerificationBoundingBox')}
      </div>
      ${this.multi ? html`<p class="muted">Tick every label that applies.</p>` : nothing}
      ${labelBar(this.labels, (i) => (this.multi ? this.ticked.has(i) : this.picked === i), (i) => this.pickLabel(i))}
      ${type === 'VerificationBoundingBox'
        ? html`<label
            >Comment (optional)
            <textarea
              data-testid="worker-comment"
              rows="2"
              .value=${this.comment}
              @input=${(e: Event) => {
                this.comment = (e.target as HTMLTextAreaElement).value;
                this.changed();
              }}
            ></textarea
          ></label>`
        : nothing}
    `;
  }

  private renderImage(src: string, overlay: boolean) {
    const boxes = overlay ? earlierBoxes(this.task.taskInput?.manifestLine) : [];
    const size = this.imageSize;
    return html`<div class="picture">
        <img
          src=${src}
          alt="The object to label"
          style=${enlarged(size)}
          data-testid="task-image"
          @load=${(e: Event) => {
            const img = e.target as HTMLImageElement;
            this.imageSize = { width: img.naturalWidth, height: img.naturalHeight };
          }}
          @error=${() => (this.imageError = 'the image could not be loaded; release the task or decline it if it stays broken')}
        />
        ${overlay && size
          ? html`<svg viewBox="0 0 ${size.width} ${size.height}" preserveAspectRatio="none" data-testid="earlier-boxes">
              ${boxes.map((b) => {
                const colour = labelColour([...new Set(boxes.map((x) => x.label))].indexOf(b.label));
                return svg`<rect x=${b.left} y=${b.top} width=${b.width} height=${b.height} fill="none" stroke=${colour}
                    stroke-width="2" vector-effect="non-scaling-stroke"></rect>
                  <text x=${b.left + 2} y=${Math.max(12, b.top - 3)} fill=${colour} font-size=${Math.max(12, size.width / 50)}
                    paint-order="stroke" stroke="#fff" stroke-width="3">${b.label}</text>`;
              })}
            </svg>`
          : nothing}
      </div>
      ${overlay ? html`<p class="muted">${boxes.length} earlier box${boxes.length === 1 ? '' : 'es'} shown.</p>` : nothing}
      ${this.imageError ? html`<p class="error">${this.imageError}</p>` : nothing}`;
  }
}

/** A small image is drawn up to 4× (at most 480 px wide) so that the worker can see what to judge. */
function enlarged(size: { width: number } | null): string {
  return size && size.width < SMALL_IMAGE ? `width: ${Math.min(SMALL_IMAGE, size.width * 4)}px` : '';
}

const SMALL_IMAGE = 480;

if (!customElements.get('verity-classify-tool')) {
  customElements.define('verity-classify-tool', ClassifyTool);
}
