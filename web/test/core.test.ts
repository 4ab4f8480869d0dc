import { afterEach, describe, expect, it, vi } from 'vitest';
import { Api, ApiError } from '../src/core/api';
import { parseConfig } from '../src/core/config';
import { href, parseRoute } from '../src/core/router';
import { cognitoSignOutUrl, localSignIn, sessionFromToken } from '../src/core/session';

describe('router', () => {
  it('round-trips every page, with job names that need escaping', () => {
    for (const route of [
      { page: 'worker-home' },
      { page: 'labeling', job: 'cats & dogs' },
      { page: 'job-list' },
      { page: 'create-job' },
      { page: 'job', job: 'j-1' },
      { page: 'data', job: 'j/2' },
      { page: 'teams' },
      { page: 'team', team: 'night-shift' },
      { page: 'mailbox' },
    ] as const) {
      expect(parseRoute(href(route))).toEqual(route);
    }
  });

  it('sends unknown hashes to the worker home', () => {
    expect(parseRoute('#/nowhere')).toEqual({ page: 'worker-home' });
    expect(parseRoute('')).toEqual({ page: 'worker-home' });
  });
});

describe('config', () => {
  it('accepts the local runtime config and strips a trailing slash', () => {
    expect(parseConfig({ apiUrl: 'http://x/', auth: { kind: 'local' } })).toEqual({ apiUrl: 'http://x', auth: { kind: 'local' } });
  });

  it('keeps the local runtime\'s sign-in secret', () => {
    expect(parseConfig({ apiUrl: '', auth: { kind: 'local', signInSecret: 's3cret' } }).auth).toEqual({ kind: 'local', signInSecret: 's3cret' });
  });

  it('names the missing Cognito field', () => {
    expect(() => parseConfig({ apiUrl: '', auth: { kind: 'cognito', domain: 'd', clientId: 'c', region: 'r' } })).toThrow(/auth.userPoolId/);
  });

  it('names the allowed auth kinds', () => {
    expect(() => parseConfig({ auth: { kind: 'saml' } })).toThrow(/"local" or "cognito"/);
  });
});

describe('session', () => {
  it('reads the username and groups from a Cognito-shaped ID token', () => {
    const claims = { sub: 's1', 'cognito:username': 'ana', 'cognito:groups': ['requesters', 'workers'], exp: 2000000000 };
    const token = `x.${btoa(JSON.stringify(claims)).replace(/=+$/, '')}.y`;
    expect(sessionFromToken(token)).toEqual({ idToken: token, username: 'ana', groups: ['requesters', 'workers'], expiresAt: 2000000000000 });
  });
});

describe('local sign-in', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the run\'s sign-in secret to the local token issuer', async () => {
    const claims = { 'cognito:username': 'ana', 'cognito:groups': ['workers'], exp: 2000000000 };
    let seen: Request | null = null;
    vi.stubGlobal('fetch', async (input: string, init: RequestInit) => {
      seen = new Request(`http://runtime${input}`, init);
      return new Response(JSON.stringify({ idToken: `x.${btoa(JSON.stringify(claims))}.y` }), { status: 200 });
    });
    const session = await localSignIn({ apiUrl: '', auth: { kind: 'local', signInSecret: 's3cret' } }, 'ana', ['workers']);
    expect(session.username).toBe('ana');
    expect(seen!.url).toBe('http://runtime/local-auth/token');
    expect(seen!.headers.get('x-verity-sign-in-secret')).toBe('s3cret');
  });
});

describe('cognito sign-out', () => {
  it('ends the hosted UI session and comes back to this page', () => {
    const url = new URL(cognitoSignOutUrl({ kind: 'cognito', domain: 'https://v.auth.eu-west-1.amazoncognito.com', clientId: 'abc', region: 'eu-west-1', userPoolId: 'p' }));
    expect(url.origin + url.pathname).toBe('https://v.auth.eu-west-1.amazoncognito.com/logout');
    expect(url.searchParams.get('client_id')).toBe('abc');
    expect(url.searchParams.get('logout_uri')).toBe(`${location.origin}${location.pathname}`);
  });
});

describe('api', () => {
  const respond = (status: number, body: string) => async () => new Response(status === 204 ? null : body, { status });

  it('turns an error body into an ApiError with the server reason', async () => {
    const api = new Api('', () => 't', respond(400, '{"error":"InvalidAnswer","message":"label must be one of cat, dog"}'));
    const error = (await api.post('/worker/assignments/a', {}).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('InvalidAnswer');
    expect(error.message).toBe('label must be one of cat, dog');
  });

  it('sends the bearer token and query parameters, and maps 204 to null', async () => {
    let seen: Request | null = null;
    const api = new Api('http://api', () => 'tok', async (input, init) => {
      seen = new Request(input as string, init);
      return new Response(null, { status: 204 });
    });
    expect(await api.get('/jobs', { maxResults: 5, nextToken: undefined })).toBeNull();
    expect(seen!.url).toBe('http://api/jobs?maxResults=5');
    expect(seen!.headers.get('authorization')).toBe('Bearer tok');
  });

  it('tells the app when the token is refused, and still throws the reason', async () => {
    let refused = 0;
    const api = new Api('', () => 'old', respond(401, '{"message":"Unauthorized"}'), () => refused++);
    await expect(api.get('/worker/jobs')).rejects.toMatchObject({ status: 401, message: 'Unauthorized' });
    expect(refused).toBe(1);
    await new Api('', () => 't', respond(403, '{"error":"Forbidden","message":"requesters only"}'), () => refused++)
      .get('/jobs')
      .catch(() => undefined);
    expect(refused).toBe(1);
  });

  it('reports a network failure as retryable', async () => {
    const api = new Api('', () => null, async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(api.get('/jobs')).rejects.toMatchObject({ status: 0, code: 'NetworkError' });
  });
});
