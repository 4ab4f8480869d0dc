/**
 * Where the UI finds the API and how it signs in. The local runtime serves {@code /config.json} with
 * {@code {"apiUrl": "", "auth": {"kind": "local", "signInSecret": "..."}}} (same origin); the CDK stack writes one
 * with the API URL and the Cognito user pool's hosted sign-in settings.
 */
export interface LocalAuth {
  kind: 'local';
  /** This run's secret, which the local token issuer asks for: only the runtime's own pages can read it. */
  signInSecret?: string;
}

export interface CognitoAuth {
  kind: 'cognito';
  /** Hosted UI base URL, e.g. https://verity-123.auth.eu-west-1.amazoncognito.com */
  domain: string;
  clientId: string;
  region: string;
  userPoolId: string;
}

export interface AppConfig {
  /** Base URL of the HTTP API without a trailing slash; empty for the page's own origin. */
  apiUrl: string;
  auth: LocalAuth | CognitoAuth;
}

export function parseConfig(json: unknown): AppConfig {
  const value = json as Partial<AppConfig> | null;
  if (!value || typeof value !== 'object' || !value.auth || typeof value.auth !== 'object') {
    throw new Error('config.json must be {"apiUrl": "...", "auth": {"kind": "local" | "cognito", ...}}');
  }
  const apiUrl = (value.apiUrl ?? '').replace(/\/+$/, '');
  const auth = value.auth as Partial<Omit<CognitoAuth, 'kind'>> & { kind?: string };
  if (auth.kind === 'local') {
    const secret = (auth as Partial<LocalAuth>).signInSecret;
    return { apiUrl, auth: typeof secret === 'string' && secret ? { kind: 'local', signInSecret: secret } : { kind: 'local' } };
  }
  if (auth.kind === 'cognito') {
    for (const field of ['domain', 'clientId', 'region', 'userPoolId'] as const) {
      if (typeof auth[field] !== 'string' || !auth[field]) {
        throw new Error(`config.json: auth.${field} is required for Cognito sign-in`);
      }
    }
    return { apiUrl, auth: auth as CognitoAuth };
  }
  throw new Error(`config.json: auth.kind must be "local" or "cognito", not ${JSON.stringify(auth.kind)}`);
}

export async function loadConfig(url = './config.json'): Promise<AppConfig> {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) {
    throw new Error(`could not load ${url}: HTTP ${response.status}`);
  }
  return parseConfig(await response.json());
}
