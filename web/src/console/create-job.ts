import { html, LitElement, nothing, css } from 'lit';
import type { Api } from '../core/api';
import { href } from '../core/router';
import { baseStyles } from '../core/styles';
import {
  buildRequest,
  dataTypeOfFiles,
  defaultLabelAttributeName,
  describeError,
  emptyForm,
  labelCategoryConfig,
  parseLabels,
  validateForm,
  type FieldError,
  type JobForm,
} from './job-request';
import { defaultOutputPath } from './s3-uri';
import { CUSTOM, TASK_TYPES, taskTypeInfo } from './task-types';
import type { ImportResponse, ManifestResponse, UploadResponse } from './types';
import { formatBytes, Upload, type UploadProgress } from './uploads';
import { consoleStyles, errorText } from './widgets';

/** The create-job page: Ground Truth's CreateLabelingJob as a form, with upload and S3-prefix crawl of the data. */
export class VerityCreateJob extends LitElement {
  static properties = {
    api: { attribute: false },
    form: { state: true },
    errors: { state: true },
    serverError: { state: true },
    busy: { state: true },
    stage: { state: true },
    progress: { state: true },
    files: { state: true },
  };

  declare api: Api | null;
  declare form: JobForm;
  declare errors: FieldError[];
  declare serverError: string | null;
  declare busy: boolean;
  declare stage: string;
  declare progress: UploadProgress | null;
  declare files: File[];
  /** The PUT to presigned URLs (a property so that tests can watch it). */
  putFetch: typeof fetch = (...args) => fetch(...args);
  /** Where to go once the job is created (a property so that tests can watch it). */
  goTo: (hash: string) => void = (hash) => (location.hash = hash);

  /** What was uploaded or crawled already, so a retry after the server refused the job does not do it again. */
  private upload: Upload | null = null;
  private readonly crawled = new Map<string, string>();
  private categories: { json: string; s3Uri: string } | null = null;
  /** The last import (its request, as a key, and its answer), not repeated by a retry. */
  private imported: { key: string; result: ImportResponse } | null = null;
  /** The output path follows the data's bucket until the user types one. */
  private outputTouched = false;
  private readonly uploadRoot = `uploads/console-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}-${Math.random().toString(36).slice(2, 8)}`;

  static styles = [
    baseStyles,
    consoleStyles,
    css`
      form {
        display: grid;
        gap: 14px;
        max-width: 860px;
      }
      fieldset {
        border: 1px solid #e3e7ee;
        border-radius: 8px;
        background: #fff;
        padding: 12px 16px 16px;
        display: grid;
        gap: 10px;
        margin: 0;
      }
      legend {
        font-weight: 600;
        padding: 0 6px;
      }
      label.field {
        display: grid;
        gap: 3px;
      }
      label.field > span {
        font-weight: 500;
      }
      .row {
        display: flex;
        gap: 14px;
        flex-wrap: wrap;
      }
      .row > label.field {
        flex: 1 1 180px;
      }
      .choices {
        display: flex;
        gap: 16px;
        flex-wrap: wrap;
      }
      .hint {
        font-size: 12px;
        color: #5f6b7a;
      }
      .field-error {
        font-size: 12px;
        color: #b3261e;
      }
      [aria-invalid='true'] {
        border-color: #b3261e;
        background: #fff8f7;
      }
      textarea {
        min-height: 70px;
        resize: vertical;
      }
      .actions {
        display: flex;
        gap: 12px;
        align-items: center;
      }
      progress {
        width: 260px;
      }
      ul.errors {
        margin: 4px 0 0;
        padding-left: 20px;
      }
    `,
  ];

  constructor() {
    super();
    this.api = null;
    this.form = emptyForm();
    this.errors = [];
    this.serverError = null;
    this.busy = false;
    this.stage = '';
    this.progress = null;
    this.files = [];
  }

  private set<K extends keyof JobForm>(name: K, value: JobForm[K]): void {
    const form = { ...this.form, [name]: value };
    if (name === 'outputPath') {
      this.outputTouched = String(value).trim() !== '';
    }
    if (!this.outputTouched) {
      const source = form.dataSource === 'prefix' ? form.s3Prefix : form.dataSource === 'manifest' ? form.manifestUri : this.upload?.s3Prefix ?? '';
      if (name === 's3Prefix' || name === 'manifestUri' || name === 'dataSource') {
        form.outputPath = defaultOutputPath(source) ?? '';
      }
    }
    this.form = form;
    // an error goes away once its field is edited
    if (this.errors.some((e) => e.field === name)) {
      this.errors = this.errors.filter((e) => e.field !== name);
    }
  }

  private onInput(event: Event): void {
    const target = event.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    if (!target.name || !(target.name in this.form)) {
      return;
    }
    if (target instanceof HTMLInputElement && target.type === 'radio' && !target.checked) {
      return;
    }
    this.set(target.name as keyof JobForm, target.value as never);
  }

  private onFiles(event: Event): void {
    this.files = [...((event.target as HTMLInputElement).files ?? [])];
    this.errors = this.errors.filter((e) => e.field !== 'files');
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy) {
      return;
    }
    this.serverError = null;
    const uploaded = this.upload !== null && this.upload.complete && sameFiles(this.upload.files, this.files);
    this.errors = validateForm(this.form, { files: this.files, uploaded });
    if (this.errors.length > 0) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const api = this.api;
    if (!api) {
      return;
    }
    this.busy = true;
    try {
      const manifestS3Uri = await this.resolveManifest(api);
      const labelCategoryConfigS3Uri = await this.resolveCategories(api);
      if (!this.form.outputPath.trim()) {
        this.form = { ...this.form, outputPath: defaultOutputPath(manifestS3Uri) ?? '' };
      }
      this.stage = 'Creating the job…';
      const request = buildRequest(this.form, { manifestS3Uri, labelCategoryConfigS3Uri, outputPath: this.form.outputPath.trim() });
      await api.post('/jobs', request);
      this.goTo(href({ page: 'job', job: this.form.name.trim() }));
    } catch (e) {
      this.serverError = errorText(e);
      await this.updateComplete;
      this.renderRoot.querySelector('[data-testid="form-error"]')?.scrollIntoView?.({ block: 'center' });
    } finally {
      this.busy = false;
      this.stage = '';
    }
  }

  /** The manifest's S3 URI: as typed, or crawled from a prefix, or crawled from the files just uploaded. */
  private async resolveManifest(api: Api): Promise<string> {
    const form = this.form;
    if (form.dataSource === 'manifest') {
      return form.manifestUri.trim();
    }
    if (form.dataSource === 'prefix') {
      return this.crawl(api, form.s3Prefix.trim(), form.dataType);
    }
    if (form.dataSource === 'import') {
      return this.importAnnotations(api);
    }
    if (!this.upload || !sameFiles(this.upload.files, this.files)) {
      this.upload = new Upload(api, `${this.uploadRoot}/data/`, this.files, this.putFetch);
    }
    if (!this.upload.complete) {
      this.stage = 'Uploading…';
      try {
        await this.upload.run((progress) => (this.progress = progress));
      } finally {
        this.progress = null;
      }
    }
    const s3Prefix = this.upload.s3Prefix!;
    if (!this.outputTouched && !this.form.outputPath.trim()) {
      this.form = { ...this.form, outputPath: defaultOutputPath(s3Prefix) ?? '' };
    }
    return this.crawl(api, s3Prefix, dataTypeOfFiles(this.files) ?? form.dataType);
  }

  /**
   * POST /datasets/import: the annotations become a manifest of bounding-box pre-labels (under an attribute other
   * than the job's own, as Ground Truth requires of adjustment jobs) and a label category file.
   */
  private async importAnnotations(api: Api): Promise<string> {
    const form = this.form;
    const own = form.labelAttributeName.trim();
    const body = {
      format: form.importFormat,
      annotationsS3Uri: form.importAnnotationsUri.trim(),
      imagesS3Prefix: form.importImagesPrefix.trim(),
      labelAttributeName: own === 'prelabels' ? 'imported-prelabels' : 'prelabels',
    };
    const key = JSON.stringify(body);
    if (this.imported?.key !== key) {
      this.stage = `Importing the ${form.importFormat.toUpperCase()} annotations…`;
      const result = await api.post<ImportResponse>('/datasets/import', body);
      if (!result.images) {
        throw new Error(`The import found no usable images in ${body.annotationsS3Uri}${result.skipped.length ? `: ${result.skipped.join('; ')}` : ''}.`);
      }
      this.imported = { key, result };
    }
    return this.imported.result.manifestS3Uri;
  }

  private async crawl(api: Api, s3Prefix: string, dataType: 'image' | 'text'): Promise<string> {
    const key = `${dataType} ${s3Prefix}`;
    const known = this.crawled.get(key);
    if (known) {
      return known;
    }
    this.stage = `Listing the ${dataType === 'image' ? 'images' : 'text files'} under ${s3Prefix}…`;
    const result = await api.post<ManifestResponse>('/datasets/manifest', { s3Prefix, dataType });
    if (!result.objects) {
      throw new Error(
        `Found no ${dataType === 'image' ? 'images' : 'text objects'} under ${s3Prefix}: check the prefix and the data type (text: .txt lines or .csv rows).`,
      );
    }
    this.crawled.set(key, result.manifestS3Uri);
    return result.manifestS3Uri;
  }

  /** Uploads the label category file (Ground Truth takes it by S3 URI) unless the same one is up already. */
  private async resolveCategories(api: Api): Promise<string | null> {
    if (this.form.dataSource === 'import' && this.imported && parseLabels(this.form.labels).length === 0) {
      return this.imported.result.labelCategoryConfigS3Uri;
    }
    const file = labelCategoryConfig(this.form);
    if (!file) {
      return null;
    }
    const json = JSON.stringify(file, null, 2);
    if (this.categories?.json === json) {
      return this.categories.s3Uri;
    }
    this.stage = 'Saving the label categories…';
    const response = await api.post<UploadResponse>('/uploads', {
      prefix: `${this.uploadRoot}/config/`,
      files: [{ name: 'categories.json', contentType: 'application/json' }],
    });
    const ticket = response.uploads[0];
    if (!ticket) {
      throw new Error('The API gave no upload URL for the label categories file.');
    }
    let put: Response;
    try {
      put = await this.putFetch(ticket.url, { method: 'PUT', headers: ticket.headers ?? {}, body: json });
    } catch (e) {
      throw new Error(`Could not save the label categories to S3 (${(e as Error).message}).`);
    }
    if (!put.ok) {
      throw new Error(`Could not save the label categories to S3: HTTP ${put.status}.`);
    }
    this.categories = { json, s3Uri: ticket.s3Uri };
    return ticket.s3Uri;
  }

  private errorFor(field: FieldError['field']) {
    const messages = this.errors.filter((e) => e.field === field).map((e) => e.message);
    return messages.length ? html`<span class="field-error" data-testid="error-${field}">${messages.join('; ')}</span>` : nothing;
  }

  private invalid(field: FieldError['field']): 'true' | 'false' {
    return this.errors.some((e) => e.field === field) ? 'true' : 'false';
  }

  private text(name: keyof JobForm, label: string, options: { hint?: string; placeholder?: string; type?: string; min?: number; max?: number } = {}) {
    return html`<label class="field">
      <span>${label}</span>
      <input
        name=${name}
        type=${options.type ?? 'text'}
        .value=${this.form[name]}
        placeholder=${options.placeholder ?? ''}
        min=${options.min ?? nothing}
        max=${options.max ?? nothing}
        aria-invalid=${this.invalid(name)}
      />
      ${options.hint ? html`<span class="hint">${options.hint}</span>` : nothing} ${this.errorFor(name)}
    </label>`;
  }

  render() {
    const form = this.form;
    const type = taskTypeInfo(form.taskType);
    const custom = form.taskType === CUSTOM;
    return html`
      <div class="toolbar">
        <h1>Create labeling job</h1>
        <span class="spacer"></span>
        <a href=${href({ page: 'job-list' })}>Back to jobs</a>
      </div>
      <form novalidate @input=${this.onInput} @change=${this.onInput} @submit=${this.submit}>
        <fieldset>
          <legend>Job</legend>
          <div class="row">
            ${this.text('name', 'Job name', { hint: 'Letters, digits and hyphens; unique among your jobs.', placeholder: 'e.g. cats-and-dogs' })}
            <label class="field">
              <span>Task type</span>
              <select name="taskType" aria-invalid=${this.invalid('taskType')}>
                ${TASK_TYPES.map((t) => html`<option value=${t.id} ?selected=${t.id === form.taskType}>${t.title}</option>`)}
              </select>
              ${this.errorFor('taskType')}
            </label>
          </div>
          ${this.text('labelAttributeName', 'Label attribute name (optional)', {
            placeholder: form.name.trim() ? defaultLabelAttributeName(form.name, type) : 'the job name',
            hint:
              type?.refSuffix === 'required'
                ? 'The output manifest key for the label; for segmentation it ends in "-ref".'
                : 'The output manifest key for the label; blank uses the job name.',
          })}
          ${type?.needsEarlierLabel
            ? html`<p class="hint">${type.title} starts from the boxes or masks an earlier job wrote: give that job's output manifest, and keep its labels in the list below (you may add more).</p>`
            : nothing}
        </fieldset>

        <fieldset>
          <legend>Input data</legend>
          <div class="choices" role="radiogroup" aria-label="Data source">
            ${(
              [
                ['upload', 'Upload files'],
                ['prefix', 'S3 prefix (crawl)'],
                ['manifest', 'Manifest'],
                ['import', 'Import annotations (COCO, YOLO, VOC)'],
              ] as const
            ).map(
              ([value, label]) =>
                html`<label><input type="radio" name="dataSource" value=${value} .checked=${form.dataSource === value} /> ${label}</label>`,
            )}
          </div>
          ${this.errorFor('dataSource')}
          ${form.dataSource === 'upload'
            ? html`<label class="field">
                <span>Files</span>
                <input type="file" name="files" multiple accept="image/*,.txt,.csv" @change=${this.onFiles} aria-invalid=${this.invalid('files')} />
                <span class="hint">Images become one object each; a .txt file gives one object a line, a .csv one a row.
                  ${this.files.length ? html`Chosen: ${this.files.length} file${this.files.length === 1 ? '' : 's'}, ${formatBytes(this.files.reduce((s, f) => s + f.size, 0))}.` : nothing}
                  ${this.upload?.complete && sameFiles(this.upload.files, this.files) ? html`Uploaded to ${this.upload.s3Prefix}.` : nothing}</span
                >
                ${this.errorFor('files')}
              </label>`
            : nothing}
          ${form.dataSource === 'prefix'
            ? html`<div class="row">
                ${this.text('s3Prefix', 'S3 prefix', { placeholder: 's3://bucket/path/', hint: 'Verity lists the objects under it and writes the input manifest for you.' })}
                <label class="field">
                  <span>Data type</span>
                  <select name="dataType" aria-invalid=${this.invalid('dataType')}>
                    <option value="image" ?selected=${form.dataType === 'image'}>Images</option>
                    <option value="text" ?selected=${form.dataType === 'text'}>Text (.txt lines, .csv rows)</option>
                  </select>
                  ${this.errorFor('dataType')}
                </label>
              </div>`
            : nothing}
          ${form.dataSource === 'manifest'
            ? this.text('manifestUri', 'Manifest S3 URI', { placeholder: 's3://bucket/path/dataset.manifest', hint: 'JSON Lines: one {"source-ref": …} or {"source": …} per line.' })
            : nothing}
          ${form.dataSource === 'import'
            ? html`<div class="row">
                  <label class="field">
                    <span>Annotation format</span>
                    <select name="importFormat" aria-invalid=${this.invalid('importFormat')}>
                      <option value="coco" ?selected=${form.importFormat === 'coco'}>COCO JSON</option>
                      <option value="yolo" ?selected=${form.importFormat === 'yolo'}>YOLO zip (data.yaml, labels/…txt)</option>
                      <option value="voc" ?selected=${form.importFormat === 'voc'}>Pascal VOC zip (…xml)</option>
                    </select>
                  </label>
                  ${this.text('importAnnotationsUri', 'Annotations S3 URI', { placeholder: 's3://bucket/path/annotations.json' })}
                  ${this.text('importImagesPrefix', 'Images S3 prefix', { placeholder: 's3://bucket/images/' })}
                </div>
                <span class="hint"
                  >The boxes become the earlier labels workers adjust or verify. Image file names are read under the prefix. Leave
                  the labels empty to take the file's categories.</span
                >`
            : nothing}
          ${this.text('outputPath', 'Output S3 path', {
            placeholder: 's3://<data bucket>/output/',
            hint: 'The job writes under <output path>/<job name>/; blank uses output/ in the data’s bucket.',
          })}
        </fieldset>

        <fieldset>
          <legend>Objects to label</legend>
          <div class="choices" role="radiogroup" aria-label="Objects to label">
            ${(
              [
                ['all', 'All objects'],
                ['sample', 'Random sample'],
                ['filter', 'Filter (S3 Select WHERE clause)'],
              ] as const
            ).map(
              ([value, label]) =>
                html`<label><input type="radio" name="selectionMode" value=${value} .checked=${form.selectionMode === value} /> ${label}</label>`,
            )}
          </div>
          ${form.selectionMode === 'sample'
            ? html`<div class="row">
                  ${this.text('sampleSize', 'Sample size (objects)', { type: 'number', min: 1 })}
                  ${this.text('samplePercent', 'or sample percentage', { type: 'number', min: 0, max: 100 })}
                </div>
                <span class="hint">Give one of the two.</span>`
            : nothing}
          ${form.selectionMode === 'filter'
            ? html`<label class="field">
                <span>Filter</span>
                <textarea name="filter" .value=${form.filter} placeholder=${`s."source-ref" LIKE '%cat%'`} aria-invalid=${this.invalid('filter')}></textarea>
                <span class="hint">SELECT * FROM S3Object s WHERE <em>your clause</em>, over the manifest's attributes.</span>
                ${this.errorFor('filter')}
              </label>`
            : nothing}
        </fieldset>

        <fieldset>
          <legend>Labels and instructions</legend>
          <label class="field">
            <span>Labels${type && type.minLabels === 0 ? ' (optional)' : ''}</span>
            <textarea name="labels" .value=${form.labels} placeholder=${'cat\ndog'} aria-invalid=${this.invalid('labels')}></textarea>
            <span class="hint"
              >One label per line${type && type.minLabels > 0 ? `; ${type.title} needs at least ${type.minLabels}` : ''}${type && Number.isFinite(type.maxLabels)
                ? `, at most ${type.maxLabels}`
                : ''}.</span
            >
            ${this.errorFor('labels')}
          </label>
          <label class="field">
            <span>Short instructions${type?.needsInstructions ? '' : ' (optional)'}</span>
            <textarea name="shortInstructions" .value=${form.shortInstructions} aria-invalid=${this.invalid('shortInstructions')}></textarea>
            ${this.errorFor('shortInstructions')}
          </label>
          <label class="field">
            <span>Full instructions${type?.needsInstructions ? '' : ' (optional)'}</span>
            <textarea name="fullInstructions" .value=${form.fullInstructions} aria-invalid=${this.invalid('fullInstructions')}></textarea>
            ${this.errorFor('fullInstructions')}
          </label>
        </fieldset>

        <fieldset>
          <legend>Task and workers</legend>
          ${this.text('taskTitle', 'Task title', { hint: 'What workers see in their task list (up to 128 characters).' })}
          ${this.text('taskDescription', 'Task description', { hint: 'Up to 255 characters.' })}
          <div class="row">
            ${this.text('workersPerObject', 'Workers per object', { type: 'number', min: 1, max: 9, hint: '1–9; more workers, better consolidated labels.' })}
            ${this.text('taskTimeLimit', 'Task time limit (seconds)', { type: 'number', min: 30, max: 28800, hint: '30 s – 8 h.' })}
            ${this.text('availabilityLifetime', 'Task availability lifetime (seconds)', {
              type: 'number',
              min: 60,
              max: 1209600,
              hint: 'How long tasks wait for workers; 60 s – 14 days.',
            })}
          </div>
        </fieldset>

        ${custom
          ? nothing
          : html`<fieldset>
              <legend>Worker template (optional)</legend>
              ${this.text('uiTemplateUri', 'Worker task template S3 URI', {
                placeholder: 's3://bucket/templates/bounding-box.liquid.html',
                hint: "Your Ground Truth template for this task type; without one, workers get Verity's tool for it.",
              })}
            </fieldset>`}
        ${custom
          ? html`<fieldset>
              <legend>Custom task</legend>
              ${this.text('uiTemplateUri', 'Worker task template S3 URI', { placeholder: 's3://bucket/templates/task.liquid.html' })}
              ${this.text('preLambdaArn', 'Pre-annotation Lambda ARN', {
                placeholder: 'arn:aws:lambda:us-east-1:123456789012:function:verity-custom-pre-annotation',
                hint: 'Its name must start with the custom Lambda prefix set at deployment (verity-custom- by default).',
              })}
              ${this.text('postLambdaArn', 'Post-annotation Lambda ARN (optional)', {
                placeholder: 'arn:aws:lambda:us-east-1:123456789012:function:verity-custom-post-annotation',
              })}
            </fieldset>`
          : nothing}

        <details ?open=${this.errors.some((e) => e.field === 'roleArn' || e.field === 'workteamArn')}>
          <summary>IAM role and work team</summary>
          <fieldset>
            ${this.text('roleArn', 'IAM role ARN', { hint: 'Required by the CreateLabelingJob API; Verity does not assume it.' })}
            ${this.text('workteamArn', 'Work team ARN')}
          </fieldset>
        </details>

        ${this.renderErrors()}
        <div class="actions">
          <button class="primary" type="submit" data-testid="create-submit" ?disabled=${this.busy}>Create job</button>
          <a href=${href({ page: 'job-list' })}>Cancel</a>
          ${this.stage ? html`<span class="muted" data-testid="create-stage">${this.stage}</span>` : nothing}
          ${this.progress
            ? html`<progress data-testid="upload-progress" max=${this.progress.bytes || this.progress.files} value=${this.progress.bytes ? this.progress.bytesDone : this.progress.filesDone}></progress>
                <span class="muted">${this.progress.filesDone} / ${this.progress.files} files (${formatBytes(this.progress.bytesDone)} of ${formatBytes(this.progress.bytes)})</span>`
            : nothing}
        </div>
      </form>
    `;
  }

  private renderErrors() {
    if (this.serverError) {
      return html`<div class="error" data-testid="form-error" role="alert">${this.serverError}</div>`;
    }
    if (this.errors.length > 0) {
      return html`<div class="error" data-testid="form-error" role="alert">
        Please correct ${this.errors.length === 1 ? 'this field' : `these ${this.errors.length} fields`}:
        <ul class="errors">
          ${this.errors.map((e) => html`<li>${describeError(e)}</li>`)}
        </ul>
      </div>`;
    }
    return nothing;
  }
}

/** Same files (by name, size and modification time), so a re-chosen identical selection is not uploaded again. */
function sameFiles(a: readonly File[], b: readonly File[]): boolean {
  return a.length === b.length && a.every((f, i) => f.name === b[i].name && f.size === b[i].size && f.lastModified === b[i].lastModified);
}

if (!customElements.get('verity-create-job')) {
  customElements.define('verity-create-job', VerityCreateJob);
}
