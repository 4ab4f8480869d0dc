/** Hash routes, so the UI's paths never collide with the API's (/jobs, /worker/...) on the same origin. */
export type Route =
  | { page: 'signin' }
  | { page: 'worker-home' }
  | { page: 'labeling'; job: string }
  | { page: 'job-list' }
  | { page: 'create-job' }
  | { page: 'job'; job: string }
  | { page: 'data'; job: string }
  | { page: 'teams' }
  | { page: 'team'; team: string }
  | { page: 'mailbox' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [first, second, third, fourth] = parts;
  if (first === 'work') {
    return second ? { page: 'labeling', job: second } : { page: 'worker-home' };
  }
  if (first === 'console') {
    if (second === 'new') {
      return { page: 'create-job' };
    }
    if (second === 'teams') {
      return third ? { page: 'team', team: third } : { page: 'teams' };
    }
    if (second === 'mailbox') {
      return { page: 'mailbox' };
    }
    if (second === 'jobs' && third) {
      return fourth === 'data' ? { page: 'data', job: third } : { page: 'job', job: third };
    }
    return { page: 'job-list' };
  }
  if (first === 'signin') {
    return { page: 'signin' };
  }
  return { page: 'worker-home' };
}

export function href(route: Route): string {
  switch (route.page) {
    case 'signin':
      return '#/signin';
    case 'worker-home':
      return '#/work';
    case 'labeling':
      return `#/work/${encodeURIComponent(route.job)}`;
    case 'job-list':
      return '#/console';
    case 'create-job':
      return '#/console/new';
    case 'job':
      return `#/console/jobs/${encodeURIComponent(route.job)}`;
    case 'data':
      return `#/console/jobs/${encodeURIComponent(route.job)}/data`;
    case 'teams':
      return '#/console/teams';
    case 'team':
      return `#/console/teams/${encodeURIComponent(route.team)}`;
    case 'mailbox':
      return '#/console/mailbox';
  }
}

export function navigate(route: Route): void {
  location.hash = href(route);
}
