import { describe, expect, it } from 'vitest';
import {
  buildRequest,
  dataTypeOfFiles,
  defaultLabelAttributeName,
  describeError,
  emptyForm,
  filterQuery,
  labelCategoryConfig,
  parseLabels,
  validateForm,
  type JobForm,
} from '../../src/console/job-request';
import { defaultOutputPath, parseS3Uri } from '../../src/console/s3-uri';
import { taskTypeInfo } from '../../src/console/task-types';

function form(values: Partial<JobForm>): JobForm {
  return {
    ...emptyForm(),
    name: 'cats',
    labels: 'cat\ndog',
    taskTitle: 'Label the animal',
    taskDescription: 'Pick cat or dog',
    dataSource: 'manifest',
    manifestUri: 's3://data-bucket/in/dataset.manifest',
    ...values,
  };
}
const noFiles = { files: [], uploaded: false };
const messages = (f: JobForm, context: Parameters<typeof validateForm>[1] = noFiles) => validateForm(f, context).map(describeError);

describe('validateForm', () => {
  it('accepts a complete classification form', () => {
    expect(validateForm(form({}), noFiles)).toEqual([]);
  });

  it('names each required field that is blank', () => {
    expect(messages(form({ name: '', taskTitle: ' ', taskDescription: '', manifestUri: '' }))).toEqual([
      'Job name: is required',
      'Task title: is required',
      'Task description: is required',
      'Manifest S3 URI: is required',
    ]);
  });

  it('explains a job name with spaces', () => {
    expect(messages(form({ name: 'my job' }))[0]).toMatch(/^Job name: must be 1–63 letters, digits and inner hyphens/);
  });

  it('checks numbers against Ground Truth ranges, naming the field and the value', () => {
    expect(messages(form({ workersPerObject: '10', taskTimeLimit: '10', availabilityLifetime: '2.5' }))).toEqual([
      'Workers per object: must be between 1 and 9, got 10',
      'Task time limit: must be between 30 and 28800 seconds, got 10',
      'Task availability lifetime: must be a whole number, got "2.5"',
    ]);
  });

  it('counts labels against the task type and finds duplicates', () => {
    expect(messages(form({ labels: 'cat' }))).toEqual(['Labels: Image classification (single label) needs at least 2 labels, one per line (got 1)']);
    expect(messages(form({ labels: 'cat\ndog\ncat' }))).toEqual(['Labels: "cat" is listed twice']);
    const many = Array.from({ length: 51 }, (_, i) => `c${i}`).join('\n');
    expect(messages(form({ taskType: 'BoundingBox', labels: many }))).toEqual(['Labels: Bounding box allows at most 50 labels (got 51)']);
  });

  it('requires both instructions for named entity recognition', () => {
    expect(messages(form({ taskType: 'NamedEntityRecognition', labels: 'person' }))).toEqual([
      'Short instructions: are required for Named entity recognition',
      'Full instructions: are required for Named entity recognition',
    ]);
  });

  it('applies the "-ref" rule to a typed label attribute name', () => {
    expect(messages(form({ taskType: 'SemanticSegmentation', labels: 'road', labelAttributeName: 'roads' }))).toEqual([
      'Label attribute name: must end in "-ref" for Semantic segmentation',
    ]);
    expect(messages(form({ labelAttributeName: 'animal-ref' }))).toEqual([
      'Label attribute name: must not end in "-ref" for Image classification (single label)',
    ]);
    expect(messages(form({ labelAttributeName: 'source-ref' }))[0]).toMatch(/reserved/);
  });

  it('wants exactly one of sample size and percentage', () => {
    expect(messages(form({ selectionMode: 'sample' }))).toEqual(['Sample size: give either a sample size or a sample percentage, not both']);
    expect(messages(form({ selectionMode: 'sample', samplePercent: '150' }))).toEqual([
      'Sample percentage: must be a number above 0 and at most 100, got "150"',
    ]);
    expect(validateForm(form({ selectionMode: 'sample', sampleSize: '20' }), noFiles)).toEqual([]);
  });

  it('wants a WHERE clause for a filter', () => {
    expect(messages(form({ selectionMode: 'filter' }))[0]).toMatch(/^Filter: is required/);
  });

  it('checks the data source: files chosen, of the type the task labels; S3 URIs', () => {
    expect(messages(form({ dataSource: 'upload' }))).toEqual(['Files: choose at least one file to upload']);
    const text = [{ name: 'a.txt', type: 'text/plain' }];
    expect(messages(form({ dataSource: 'upload' }), { files: text, uploaded: false })).toEqual([
      'Files: Image classification (single label) labels images, but these files are text',
    ]);
    expect(messages(form({ dataSource: 'upload' }), { files: [], uploaded: true })).toEqual([]);
    expect(messages(form({ dataSource: 'prefix', s3Prefix: 'bucket/images' }))).toEqual([
      'S3 prefix: must be an S3 URI, s3://bucket/prefix/, got "bucket/images"',
    ]);
    expect(messages(form({ manifestUri: 's3://bucket/folder/' }))).toEqual(['Manifest S3 URI: must name an object (s3://bucket/key), got "s3://bucket/folder/"']);
  });

  it('sends adjustment jobs to a manifest, where the earlier labels are', () => {
    expect(messages(form({ taskType: 'AdjustmentBoundingBox', labels: 'cat', dataSource: 'prefix', s3Prefix: 's3://b/x/' }))[0]).toMatch(
      /^Data source: Bounding box adjustment starts from earlier labels/,
    );
  });

  it('checks a custom job’s Lambda ARNs and template', () => {
    const custom = form({ taskType: 'Custom', labels: '' });
    expect(messages(custom)).toEqual([
      'Pre-annotation Lambda ARN: is required for a custom task type',
      'Worker task template S3 URI: is required',
    ]);
    expect(messages({ ...custom, preLambdaArn: 'my-function', uiTemplateUri: 's3://b/t.html' })[0]).toMatch(
      /^Pre-annotation Lambda ARN: must be the function's ARN, arn:aws:lambda:<region>:<account>:function:<name>, got "my-function"/,
    );
    // Whether the name carries the deployment's custom Lambda prefix is the server's to say.
    expect(messages({ ...custom, preLambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:verity-custom-pre', uiTemplateUri: 's3://my-bucket/t.html' })).toEqual([]);
  });
});

describe('buildRequest', () => {
  it('builds a bounding-box CreateLabelingJob request with built-in Lambdas, a sample and the categories file', () => {
    const request = buildRequest(
      form({ name: 'boxes-1', taskType: 'BoundingBox', labels: 'car\nbike', workersPerObject: '2', selectionMode: 'sample', samplePercent: '10' }),
      { manifestS3Uri: 's3://b/in.manifest', labelCategoryConfigS3Uri: 's3://b/c.json', outputPath: 's3://b/output/' },
    );
    expect(request).toEqual({
      LabelingJobName: 'boxes-1',
      LabelAttributeName: 'boxes-1',
      InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: 's3://b/in.manifest' } } },
      OutputConfig: { S3OutputPath: 's3://b/output/' },
      RoleArn: 'arn:aws:iam::000000000000:role/verity-labeling',
      LabelCategoryConfigS3Uri: 's3://b/c.json',
      HumanTaskConfig: {
        WorkteamArn: 'arn:aws:sagemaker:us-east-1:000000000000:workteam/private-crowd/Everyone-in-private-workforce',
        UiConfig: { HumanTaskUiArn: 'arn:aws:sagemaker:us-east-1:394669845002:human-task-ui/BoundingBox' },
        PreHumanTaskLambdaArn: 'arn:aws:lambda:us-east-1:432418664414:function:PRE-BoundingBox',
        TaskTitle: 'Label the animal',
        TaskDescription: 'Pick cat or dog',
        NumberOfHumanWorkersPerDataObject: 2,
        TaskTimeLimitInSeconds: 300,
        TaskAvailabilityLifetimeInSeconds: 864000,
        AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: 'arn:aws:lambda:us-east-1:432418664414:function:ACS-BoundingBox' },
      },
      DataObjectSelection: { Mode: 'RandomSample', SamplePercentage: 10 },
    });
  });

  it('builds a custom request with the requester’s template and Lambdas and no category file', () => {
    const request = buildRequest(
      form({
        taskType: 'Custom',
        labels: '',
        uiTemplateUri: 's3://b/t.html',
        preLambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:verity-custom-pre',
        selectionMode: 'filter',
        filter: `s."kind" = 'review'`,
      }),
      { manifestS3Uri: 's3://b/in.manifest', labelCategoryConfigS3Uri: null, outputPath: 's3://b/output/' },
    ) as { HumanTaskConfig: Record<string, unknown>; LabelCategoryConfigS3Uri?: string; DataObjectSelection: unknown };
    expect(request.LabelCategoryConfigS3Uri).toBeUndefined();
    expect(request.HumanTaskConfig.UiConfig).toEqual({ UiTemplateS3Uri: 's3://b/t.html' });
    expect(request.HumanTaskConfig.PreHumanTaskLambdaArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:verity-custom-pre');
    expect(request.HumanTaskConfig.AnnotationConsolidationConfig).toBeUndefined();
    expect(request.DataObjectSelection).toEqual({ Mode: 'Filter', FilterQuery: `SELECT * FROM S3Object s WHERE s."kind" = 'review'` });
  });
});

describe('a built-in type with the requester\'s own template', () => {
  const inputs = { manifestS3Uri: 's3://b/in.manifest', labelCategoryConfigS3Uri: 's3://b/c.json', outputPath: 's3://b/output/' };

  it('names the template instead of the built-in worker UI', () => {
    const request = buildRequest(form({ taskType: 'BoundingBox', uiTemplateUri: ' s3://b/boxes.liquid.html ' }), inputs);
    expect(request.HumanTaskConfig.UiConfig).toEqual({ UiTemplateS3Uri: 's3://b/boxes.liquid.html' });
    expect(request.HumanTaskConfig.PreHumanTaskLambdaArn).toMatch(/:function:PRE-BoundingBox$/);
  });

  it('names the built-in worker UI without one, and refuses a template that is not an S3 URI', () => {
    const request = buildRequest(form({ taskType: 'BoundingBox' }), inputs);
    expect(request.HumanTaskConfig.UiConfig).toEqual({ HumanTaskUiArn: 'arn:aws:sagemaker:us-east-1:394669845002:human-task-ui/BoundingBox' });
    expect(messages({ ...form({ taskType: 'BoundingBox' }), uiTemplateUri: 'https://example.com/t.html' }).join(' ')).toContain('Worker task template S3 URI');
  });
});

describe('form helpers', () => {
  it('reads labels one per line, trimmed, without blank lines', () => {
    expect(parseLabels(' cat \r\n\n dog\n')).toEqual(['cat', 'dog']);
  });

  it('writes the category file with instructions when given, none for a bare custom job', () => {
    expect(labelCategoryConfig(form({ taskType: 'NamedEntityRecognition', labels: 'person', shortInstructions: 'Mark people', fullInstructions: 'All of them' }))).toEqual({
      'document-version': '2018-11-28',
      labels: [{ label: 'person' }],
      instructions: { shortInstruction: 'Mark people', fullInstruction: 'All of them' },
    });
    expect(labelCategoryConfig(form({ taskType: 'Custom', labels: '' }))).toBeNull();
  });

  it('defaults the label attribute to the job name, with "-ref" where the type needs it', () => {
    expect(defaultLabelAttributeName('roads', taskTypeInfo('SemanticSegmentation'))).toBe('roads-ref');
    expect(defaultLabelAttributeName('roads-ref', taskTypeInfo('SemanticSegmentation'))).toBe('roads-ref');
    expect(defaultLabelAttributeName('x-ref', taskTypeInfo('BoundingBox'))).toBe('x-ref-labels');
    expect(defaultLabelAttributeName('pets', taskTypeInfo('ImageMultiClass'))).toBe('pets');
  });

  it('wraps a WHERE clause in the S3 Select query and keeps a full query', () => {
    expect(filterQuery(` WHERE s.size > 3`)).toBe('SELECT * FROM S3Object s WHERE s.size > 3');
    expect(filterQuery('select * from S3Object s where 1 = 1')).toBe('select * from S3Object s where 1 = 1');
  });

  it('tells images from text files and refuses a mix', () => {
    expect(dataTypeOfFiles([{ name: 'a.PNG', type: '' }, { name: 'b.jpg', type: 'image/jpeg' }])).toBe('image');
    expect(dataTypeOfFiles([{ name: 'a.csv', type: '' }, { name: 'b.txt', type: '' }])).toBe('text');
    expect(dataTypeOfFiles([{ name: 'a.png', type: 'image/png' }, { name: 'b.txt', type: 'text/plain' }])).toBeNull();
    expect(dataTypeOfFiles([{ name: 'a.pdf', type: 'application/pdf' }])).toBeNull();
  });

  it('derives the output path from the data bucket', () => {
    expect(parseS3Uri('s3://my-bucket/a/b.manifest')).toEqual({ bucket: 'my-bucket', key: 'a/b.manifest' });
    expect(parseS3Uri('https://x')).toBeNull();
    expect(defaultOutputPath('s3://my-bucket/a/b.manifest')).toBe('s3://my-bucket/output/');
    expect(defaultOutputPath('nope')).toBeNull();
  });
});
