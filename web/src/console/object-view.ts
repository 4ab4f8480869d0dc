import { css, html, nothing, svg } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { colourOfName, labelColour } from './colours';
import { fitInto, scaleBox, type Size } from './geometry';
import { entityLabelNames, labelView, type ClassChip, type LabelView } from './label-view';
import { segmentText } from './text-offsets';
import type { DataObjectView } from './types';

/** Styles for drawings of objects with their labels (cards and the detail view). */
export const objectStyles = css`
  .stage {
    position: relative;
    display: inline-block;
    line-height: 0;
    max-width: 100%;
  }
  .stage img.base {
    display: block;
    max-width: 100%;
    /* small images (masks included: they follow the image) are enlarged to a legible thumbnail */
    min-width: min(100%, 240px);
    height: auto;
    object-fit: contain;
  }
  .stage img.mask {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    opacity: 0.55;
    /* the mask's white background disappears in multiply; class colours tint the image */
    mix-blend-mode: multiply;
    pointer-events: none;
  }
  .stage svg {
    position: absolute;
    left: 0;
    top: 0;
    overflow: visible;
    pointer-events: none;
  }
  .stage svg text {
    font: 600 11px system-ui, sans-serif;
    fill: #fff;
  }
  .text-object {
    line-height: 1.7;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  mark.entity {
    border-radius: 3px;
    padding: 1px 2px;
    color: inherit;
    background: color-mix(in srgb, var(--entity-colour) 20%, transparent);
    box-shadow: inset 0 -2px var(--entity-colour);
  }
  /* the label is drawn, not part of the text, so the span's text stays exactly the entity */
  mark.entity::after {
    content: attr(data-label);
    font-size: 10px;
    font-weight: 700;
    margin-left: 3px;
    color: var(--entity-colour);
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 10px;
    margin-top: 6px;
    font-size: 12px;
    line-height: 1.4;
  }
  .legend i {
    display: inline-block;
    width: 11px;
    height: 11px;
    border-radius: 2px;
    margin-right: 4px;
    vertical-align: -1px;
    border: 1px solid rgba(0, 0, 0, 0.2);
  }
  pre.json {
    font-size: 12px;
    background: #f5f7fa;
    border-radius: 6px;
    padding: 8px;
    max-height: 220px;
    overflow: auto;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    margin: 0;
  }
  .verdict {
    font-weight: 700;
  }
`;

/**
 * Draws one object with its consolidated label in a box of `max` pixels: the image with boxes (SVG over it) or a
 * mask over it, the text with highlighted entities, class chips, a verdict, or the custom label's JSON.
 * `labelOrder` gives label names their colours consistently across cards.
 */
export function drawObject(taskType: string, object: DataObjectView, max: Size, labelOrder: readonly string[]) {
  const view = labelView(taskType, object);
  const image = object.sourceUrl ?? undefined;
  if (image) {
    return html`${drawImage(image, view, max)}${drawBelowImage(view, labelOrder)}`;
  }
  if (typeof object.source === 'string') {
    return html`${drawText(object.source, view, object.label, labelOrder)}${view.kind === 'entities' ? nothing : drawBelowImage(view, labelOrder)}`;
  }
  return html`<p class="muted">${object.sourceRef ?? 'no data'}</p>
    ${drawBelowImage(view, labelOrder)}`;
}

function drawImage(url: string, view: LabelView, max: Size) {
  if (view.kind === 'boxes' && view.imageSize) {
    const fit = fitInto(view.imageSize, max);
    return html`<div class="stage">
      <img class="base" src=${url} alt="" width=${Math.round(fit.width)} height=${Math.round(fit.height)} />
      <svg width=${fit.width} height=${fit.height} viewBox="0 0 ${fit.width} ${fit.height}" aria-label="bounding boxes">
        ${view.boxes.map((box) => {
          const shown = scaleBox(box, fit.scale);
          const colour = labelColour(box.index);
          const caption = box.confidence !== undefined ? `${box.name} ${Math.round(box.confidence * 100)}%` : box.name;
          const labelY = shown.top >= 15 ? shown.top - 15 : shown.top;
          return svg`<g data-testid="box" data-label=${box.name}>
            <rect x=${shown.left} y=${shown.top} width=${shown.width} height=${shown.height} fill=${colour} fill-opacity="0.12" stroke=${colour} stroke-width="2"></rect>
            <rect x=${shown.left} y=${labelY} width=${caption.length * 6.4 + 8} height="15" fill=${colour}></rect>
            <text x=${shown.left + 4} y=${labelY + 11}>${caption}</text>
          </g>`;
        })}
      </svg>
    </div>`;
  }
  const size = styleMap({ maxWidth: `${max.width}px`, maxHeight: `${max.height}px` });
  if (view.kind === 'mask' && view.maskUrl) {
    return html`<div class="stage">
      <img class="base" src=${url} alt="" style=${size} />
      <img class="mask" data-testid="mask" src=${view.maskUrl} alt="segmentation mask" />
    </div>`;
  }
  return html`<div class="stage"><img class="base" src=${url} alt="" style=${size} /></div>`;
}

/** What is drawn under an image (or text): chips, legend, verdict, JSON. */
function drawBelowImage(view: LabelView, labelOrder: readonly string[]) {
  switch (view.kind) {
    case 'classes':
      return html`<div>${view.classes.map((c) => chip(c, labelOrder))}</div>`;
    case 'boxes':
      if (!view.imageSize) {
        return html`<div>${view.boxes.map((b) => chip(b, labelOrder))}</div>`;
      }
      return html`<div class="legend">
        ${view.boxes.length === 0 ? html`<span class="muted">no boxes</span>` : html`<span>${view.boxes.length} box${view.boxes.length === 1 ? '' : 'es'}</span>`}
        ${view.adjustment ? html`<span class="muted">${view.adjustment}</span>` : nothing}
      </div>`;
    case 'mask':
      return html`<div class="legend" data-testid="mask-legend">
        ${view.legend.map((l) => html`<span><i style="background:${l.colour}"></i>${l.name}</span>`)}
      </div>`;
    case 'verdict':
      return html`<div class="verdict" data-testid="verdict">
          ${chip({ name: view.verdict, index: labelOrder.indexOf(view.verdict), confidence: undefined }, labelOrder)}
        </div>
        ${view.comments.map((c) => html`<p class="muted">“${c}”</p>`)}`;
    case 'json':
      return html`<pre class="json" data-testid="custom-label">${JSON.stringify(view.value, null, 2)}</pre>`;
    default:
      return nothing;
  }
}

function chip(c: ClassChip, labelOrder: readonly string[]) {
  const colour = c.index >= 0 ? labelColour(c.index) : colourOfName(c.name, labelOrder);
  return html`<span class="chip" data-testid="class-chip" style="background:${colour}"
    >${c.name}${c.confidence !== undefined ? html` <small>${Math.round(c.confidence * 100)}%</small>` : nothing}</span
  >`;
}

function drawText(text: string, view: LabelView, label: unknown, labelOrder: readonly string[]) {
  if (view.kind !== 'entities') {
    return html`<div class="text-object">${text}</div>`;
  }
  // colour entities by their category order when the label lists the categories
  const categories = entityLabelNames(label);
  const order = categories.length ? categories : labelOrder;
  const spans = segmentText(text, view.entities).map((segment) => {
    if (!segment.entity) {
      return segment.text;
    }
    const entity = segment.entity;
    const colour = colourOfName(entity.label, order);
    const title = entity.confidence !== undefined ? `${entity.label} (${Math.round(entity.confidence * 100)}%)` : entity.label;
    return html`<mark
      class="entity"
      data-testid="entity"
      data-label=${entity.label}
      title=${title}
      style="--entity-colour: ${colour}"
      >${segment.text}</mark
    >`;
  });
  // no whitespace inside the pre-wrap block but the text's own
  return html`<div class="text-object">${spans}</div>
    ${view.entities.length === 0 ? html`<p class="muted">no entities</p>` : nothing}`;
}
