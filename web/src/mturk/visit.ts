/** What Mechanical Turk adds to an ExternalQuestion's URL, and what Verity put there: the job and the object. */
export interface CrowdVisit {
  job: string;
  object: string;
  hitId: string;
  assignmentId: string;
  workerId: string | null;
  turkSubmitTo: string | null;
}

/** The assignment id Mechanical Turk gives while a worker only previews the HIT. */
export const PREVIEW = 'ASSIGNMENT_ID_NOT_AVAILABLE';

/** The visit from the page's query string; an error naming what is missing when the URL is not a HIT's. */
export function parseVisit(search: string): CrowdVisit {
  const params = new URLSearchParams(search);
  const job = params.get('job');
  const object = params.get('object');
  const hitId = params.get('hitId');
  const assignmentId = params.get('assignmentId');
  const missing = Object.entries({ job, object, hitId, assignmentId })
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (missing.length > 0) {
    throw new Error(`This page opens from a Mechanical Turk HIT; its address lacks ${missing.join(', ')}.`);
  }
  return {
    job: job!,
    object: object!,
    hitId: hitId!,
    assignmentId: assignmentId!,
    workerId: params.get('workerId'),
    turkSubmitTo: params.get('turkSubmitTo'),
  };
}

/** The crowd API path of the visit's task or answers. */
export function crowdPath(visit: CrowdVisit, what: 'task' | 'answers'): string {
  return `/mturk/jobs/${encodeURIComponent(visit.job)}/objects/${encodeURIComponent(visit.object)}/${what}`;
}

/**
 * Posts the answer to Mechanical Turk as its ExternalQuestion wants it: a form POST of assignmentId and the answer's
 * fields to {@code <turkSubmitTo>/mturk/externalSubmit}, which takes the frame to Mechanical Turk's next page.
 */
export function postToMechanicalTurk(doc: Document, submitUrl: string, assignmentId: string, answer: string): HTMLFormElement {
  const form = doc.createElement('form');
  form.method = 'POST';
  form.action = submitUrl;
  form.hidden = true;
  for (const [name, value] of [
    ['assignmentId', assignmentId],
    ['answer', answer],
  ]) {
    const input = doc.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    form.append(input);
  }
  doc.body.append(form);
  form.submit();
  return form;
}
