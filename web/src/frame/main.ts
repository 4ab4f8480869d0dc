/**
 * The task frame's script, built as the classic script dist/crowd-elements.js (see vite.config.ts): the form and
 * field elements with the frame's postMessage protocol (crowd-elements.js), then the annotation and layout elements.
 */
import './crowd-elements.js';
import { defineAnnotationElements } from './annotation-elements';
import { LAYOUT_ELEMENTS, LAYOUT_STYLE } from './layout-elements';

const ANNOTATION_STYLE = `
crowd-bounding-box, crowd-polygon, crowd-polyline, crowd-line, crowd-keypoint, crowd-semantic-segmentation,
crowd-instance-segmentation, crowd-entity-annotation { display: block; margin: 8px 0; outline: none; --verity-viewport-height: 460px; }
`;

defineAnnotationElements();
for (const [tag, element] of Object.entries(LAYOUT_ELEMENTS)) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
const style = document.createElement('style');
style.textContent = ANNOTATION_STYLE + LAYOUT_STYLE;
document.head.appendChild(style);
