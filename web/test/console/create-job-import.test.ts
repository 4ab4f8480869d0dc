import { afterEach, describe, expect, it } from 'vitest';
import '../../src/console/index';
import type { VerityCreateJob } from '../../src/console/create-job';
import { choose, fakeApi, settle, shadow, typeInto, type Call } from './fake-api';

async function mount(routes: Parameters<typeof fakeApi>[0]) {
  const { api, calls } = fakeApi(routes);
  const element = document.createElement('verity-create-job') as VerityCreateJob;
  const navigations: string[] = [];
  element.putFetch = (async () => new Response(null, { status: 200 })) as typeof fetch;
  element.goTo = (hash) => navigations.push(hash);
  element.api = api;
  document.body.append(element);
  await settle(element);
  return { element, root: shadow(element), calls, navigations };
}

async function submit(element: VerityCreateJob): Promise<void> {
  shadow(element).querySelector<HTMLButtonElement>('[data-testid="create-submit"]')!.click();
  await settle(element);
  await settle(element);
}

const posted = (calls: Call[], path: string) => calls.filter((c) => c.method === 'POST' && c.path === path);

const imported = {
  manifestS3Uri: 's3://data/coco/annotations.manifest',
  labelCategoryConfigS3Uri: 's3://data/coco/annotations-categories.json',
  labelAttributeName: 'prelabels',
  categories: ['car', 'bus'],
  images: 2,
  boxes: 3,
  skipped: [],
};

async function fillAdjustmentJob(element: VerityCreateJob, root: ShadowRoot, taskType = 'AdjustmentBoundingBox') {
  typeInto(root, 'name', 'adjust-1');
  typeInto(root, 'taskType', taskType);
  typeInto(root, 'taskTitle', 'Fix the boxes');
  typeInto(root, 'taskDescription', 'Move each box onto its vehicle');
  choose(root, 'dataSource', 'import');
  await settle(element);
  typeInto(root, 'importFormat', 'coco');
  typeInto(root, 'importAnnotationsUri', 's3://data/coco/annotations.json');
  typeInto(root, 'importImagesPrefix', 's3://data/images/');
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('importing annotations in the create-job form', () => {
  it('imports the COCO file as pre-labels and creates an adjustment job on its manifest and categories', async () => {
    const { element, root, calls, navigations } = await mount({
      'POST /datasets/import': { body: imported },
      'POST /jobs': { body: {} },
    });
    await fillAdjustmentJob(element, root);
    await submit(element);

    expect(root.querySelector('[data-testid="form-error"]')).toBeNull();
    expect(posted(calls, '/datasets/import').map((c) => c.body)).toEqual([
      {
        format: 'coco',
        annotationsS3Uri: 's3://data/coco/annotations.json',
        imagesS3Prefix: 's3://data/images/',
        labelAttributeName: 'prelabels',
      },
    ]);
    expect(posted(calls, '/uploads')).toHaveLength(0);
    const request = posted(calls, '/jobs')[0].body as Record<string, unknown>;
    expect(request.InputConfig).toEqual({ DataSource: { S3DataSource: { ManifestS3Uri: 's3://data/coco/annotations.manifest' } } });
    expect(request.LabelCategoryConfigS3Uri).toBe('s3://data/coco/annotations-categories.json');
    expect(request.LabelAttributeName).not.toBe('prelabels');
    expect(navigations).toHaveLength(1);
  });

  it('refuses an import for a task type that does not start from boxes, and sends nothing', async () => {
    const { element, root, calls } = await mount({});
    await fillAdjustmentJob(element, root, 'ImageMultiClass');
    typeInto(root, 'labels', 'a\nb');
    await submit(element);

    expect(root.querySelector('[data-testid="error-dataSource"]')!.textContent).toContain('bounding box adjustment or verification');
    expect(calls).toHaveLength(0);
  });

  it('shows why when the import finds no usable image', async () => {
    const { element, root, calls } = await mount({
      'POST /datasets/import': { body: { ...imported, images: 0, boxes: 0, skipped: ['image a.jpg: no width and height'] } },
    });
    await fillAdjustmentJob(element, root, 'VerificationBoundingBox');
    await submit(element);

    expect(root.querySelector('[data-testid="form-error"]')!.textContent).toContain('image a.jpg: no width and height');
    expect(posted(calls, '/jobs')).toHaveLength(0);
  });
});
