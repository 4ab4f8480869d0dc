import { html, type TemplateResult } from 'lit';
import type { Task, TaskTypeName } from './types';
// The tools' elements: toolFor's templates need them defined.
import './classify-tool';
import './bbox-tool';
import './seg-tool';
import './ner-tool';
import './custom-tool';

/**
 * The tool that shows a task of this type, on every page that shows tasks (the portal's session, the crowd's page): the
 * requester's template in the task frame when the task has one (see withUsableTemplate), else the type's own tool.
 */
export function toolFor(type: TaskTypeName, task: Task): TemplateResult {
  if (task.ui?.templateUrl) {
    return html`<verity-custom-tool class="tool" .task=${task}></verity-custom-tool>`;
  }
  switch (type) {
    case 'BoundingBox':
    case 'AdjustmentBoundingBox':
      return html`<verity-bbox-tool class="tool" .task=${task}></verity-bbox-tool>`;
    case 'SemanticSegmentation':
    case 'AdjustmentSemanticSegmentation':
      return html`<verity-seg-tool class="tool" .task=${task}></verity-seg-tool>`;
    case 'NamedEntityRecognition':
      return html`<verity-ner-tool class="tool" .task=${task}></verity-ner-tool>`;
    case 'Custom':
      return html`<verity-custom-tool class="tool" .task=${task}></verity-custom-tool>`;
    default:
      return html`<verity-classify-tool class="tool" .task=${task}></verity-classify-tool>`;
  }
}
