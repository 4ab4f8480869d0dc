import type { Api } from '../core/api';
import type { LabelExport } from './types';

/** One choice of the job page's export menu: a format of GET /jobs/{name}/export, with masks for COCO masks. */
export interface ExportChoice {
  format: 'coco' | 'yolo' | 'voc' | 'conll' | 'spacy' | 'csv';
  masks?: 'rle' | 'polygons';
  title: string;
}

const BOXES: ExportChoice[] = [
  { format: 'coco', title: 'COCO JSON' },
  { format: 'yolo', title: 'YOLO (zip: labels + data.yaml)' },
  { format: 'voc', title: 'Pascal VOC XML (zip)' },
];
const MASKS: ExportChoice[] = [
  { format: 'coco', masks: 'rle', title: 'COCO JSON, masks as RLE' },
  { format: 'coco', masks: 'polygons', title: 'COCO JSON, masks as polygons' },
];
const ENTITIES: ExportChoice[] = [
  { format: 'conll', title: 'CoNLL-2003' },
  { format: 'spacy', title: 'spaCy JSONL' },
];
const CLASSES: ExportChoice[] = [{ format: 'csv', title: 'CSV' }];

/**
 * The export formats that apply to a task type, by the server's rule (dev.verity.export.ExportFormat): none for
 * custom jobs, whose labels have no fixed shape.
 */
export function exportChoices(taskType: string | undefined): ExportChoice[] {
  switch (taskType) {
    case 'BoundingBox':
    case 'AdjustmentBoundingBox':
      return BOXES;
    case 'SemanticSegmentation':
    case 'AdjustmentSemanticSegmentation':
      return MASKS;
    case 'NamedEntityRecognition':
      return ENTITIES;
    case 'ImageMultiClass':
    case 'TextMultiClass':
    case 'ImageMultiClassMultiLabel':
    case 'TextMultiClassMultiLabel':
    case 'VerificationBoundingBox':
      return CLASSES;
    default:
      return [];
  }
}

/** The menu value of a choice (and back): "coco", "coco:polygons". */
export function choiceValue(choice: ExportChoice): string {
  return choice.masks ? `${choice.format}:${choice.masks}` : choice.format;
}

/**
 * Writes the export under the job's output prefix (GET /jobs/{name}/export) and answers where it is and a URL that
 * downloads it.
 */
export async function exportLabels(api: Api, job: string, value: string): Promise<LabelExport> {
  const [format, masks] = value.split(':');
  return api.get<LabelExport>(`/jobs/${encodeURIComponent(job)}/export`, { format, masks });
}
