import type { AppConfig, CognitoAuth } from './config';

/** A signed-in user: the ID token the API's JWT authorizer checks, and what the UI reads from it. */
export interface Session {
  idToken: string;
  username: string;
  groups: string[];
  /** Epoch milliseconds. */
  expiresAt: number;
}

const STORAGE_KEY = 'verity.session';
const PKCE_KEY = 'verity.pkce';

/** The JWT's claims, without checking the signature (the API does that). */
export function decodeClaims(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) {
    throw new Error('not a JWT');
  }
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

export function sessionFromToken(idToken: string): Session {
  const claims = decodeClaims(idToken);
  const groups = claims['cognito:groups'];
  return {
    idToken,
    username: String(claims['cognito:username'] ?? claims['username'] ?? claims['email'] ?? claims['sub'] ?? 'unknown'),
    groups: Array.isArray(groups) ? groups.map(String) : typeof groups === 'string' ? groups.split(/[,\s]+/).filter(Boolean) : [],
    expiresAt: typeof claims['exp'] === 'number' ? claims['exp'] * 1000 : Date.now() + 3600_000,
  };
}

export function isRequester(session: Session): boolean {
  return session.groups.includes('requesters');
}

export function currentSession(now = Date.now()): Session | null {
  const raw = sessionStorage.getItem(STORAGE_KEY);
  if (!raw) {
    return null;
  }
  try {
    const session = JSON.parse(raw) as Session;
    return session.expiresAt > now + 5_000 ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
}

export function signOut(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

/** The header that carries the local runtime's sign-in secret. */
export const SIGN_IN_SECRET_HEADER = 'x-verity-sign-in-secret';

/**
 * Local runtime only: the token issuer under `verity up` signs anyone in, with the groups asked for, when the
 * request carries the run's sign-in secret (from config.json, which only the runtime's own pages can read); with a
 * password, it signs in a user of the local user pool (an invited worker) with that user's groups.
 */
export async function localSignIn(config: AppConfig, username: string, groups: string[], password?: string): Promise<Session> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (config.auth.kind === 'local' && config.auth.signInSecret) {
    headers[SIGN_IN_SECRET_HEADER] = config.auth.signInSecret;
  }
  const response = await fetch(`${config.apiUrl}/local-auth/token`, {
    method: 'POST',
    headers,
    // with a password: a user of the local user pool (an invited worker), whose groups are the pool's
    body: JSON.stringify(password ? { username, password } : { username, groups }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.message ?? `sign-in failed: HTTP ${response.status}`);
  }
  const session = sessionFromToken(body.idToken);
  saveSession(session);
  return session;
}

function redirectUri(): string {
  return `${location.origin}${location.pathname}`;
}

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Cognito's hosted UI, authorization code flow with PKCE (a public client has no secret). */
export async function startCognitoSignIn(auth: CognitoAuth): Promise<void> {
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PKCE_KEY, verifier);
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: auth.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid email profile',
    code_challenge_method: 'S256',
    code_challenge: challenge,
  });
  location.assign(`${auth.domain}/oauth2/authorize?${params}`);
}

/** Ends the hosted UI's own session too, so the next sign-in asks again; Cognito sends the browser back here. */
export function cognitoSignOutUrl(auth: CognitoAuth): string {
  const params = new URLSearchParams({ client_id: auth.clientId, logout_uri: redirectUri() });
  return `${auth.domain}/logout?${params}`;
}

/** On the way back from the hosted UI: trades the code in the URL for tokens. Null when there is no code. */
export async function finishCognitoSignIn(auth: CognitoAuth): Promise<Session | null> {
  const code = new URLSearchParams(location.search).get('code');
  const verifier = sessionStorage.getItem(PKCE_KEY);
  if (!code || !verifier) {
    return null;
  }
  const response = await fetch(`${auth.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: auth.clientId,
      code,
      redirect_uri: redirectUri(),
      code_verifier: verifier,
    }),
  });
  sessionStorage.removeItem(PKCE_KEY);
  history.replaceState(null, '', redirectUri() + location.hash);
  if (!response.ok) {
    throw new Error(`Cognito refused the sign-in code: HTTP ${response.status}`);
  }
  const session = sessionFromToken((await response.json()).id_token);
  saveSession(session);
  return session;
}
