import { afterEach, describe, expect, it, vi } from 'vitest';
import { crowdPath, parseVisit, postToMechanicalTurk, PREVIEW } from '../../src/mturk/visit';

describe('the crowd task page visit', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads what Verity and Mechanical Turk put in the frame URL', () => {
    const visit = parseVisit(
      '?job=cats%20%26%20dogs&object=7&assignmentId=3ASSIGN&hitId=3HIT&turkSubmitTo=https%3A%2F%2Fworkersandbox.mturk.com&workerId=A1W',
    );

    expect(visit).toEqual({
      job: 'cats & dogs',
      object: '7',
      hitId: '3HIT',
      assignmentId: '3ASSIGN',
      workerId: 'A1W',
      turkSubmitTo: 'https://workersandbox.mturk.com',
    });
    expect(crowdPath(visit, 'task')).toBe('/mturk/jobs/cats%20%26%20dogs/objects/7/task');
    expect(crowdPath(visit, 'answers')).toBe('/mturk/jobs/cats%20%26%20dogs/objects/7/answers');
  });

  it('reads a preview, which has no worker and no submit site', () => {
    const visit = parseVisit(`?job=j&object=0&assignmentId=${PREVIEW}&hitId=3HIT`);

    expect(visit.assignmentId).toBe(PREVIEW);
    expect(visit.workerId).toBeNull();
    expect(visit.turkSubmitTo).toBeNull();
  });

  it('names what a URL that is not a HIT lacks', () => {
    expect(() => parseVisit('?job=j')).toThrow('lacks object, hitId, assignmentId');
  });

  it('posts the assignment id and the answer to the external-submit endpoint as a form', () => {
    const submit = vi.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(() => {});

    const form = postToMechanicalTurk(document, 'https://workersandbox.mturk.com/mturk/externalSubmit', '3ASSIGN', '{"a":1}');

    expect(submit).toHaveBeenCalledOnce();
    expect(form.method.toUpperCase()).toBe('POST');
    expect(form.action).toBe('https://workersandbox.mturk.com/mturk/externalSubmit');
    expect(Object.fromEntries(new FormData(form))).toEqual({ assignmentId: '3ASSIGN', answer: '{"a":1}' });
  });
});
