/** An error the API answered with: {"error": CODE, "message": ...}, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The HTTP API, with the signed-in user's ID token. Every method throws ApiError with the server's reason. */
export class Api {
  constructor(
    private readonly baseUrl: string,
    private readonly token: () => string | null,
    private readonly fetcher: typeof fetch = (...args) => fetch(...args),
    /** Called when the API refuses the token (expired or revoked), before the ApiError is thrown. */
    private readonly onUnauthorized: () => void = () => {},
  ) {}

  get<T>(path: string, query: Record<string, string | number | undefined | null> = {}): Promise<T> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') {
        params.set(key, String(value));
      }
    }
    const suffix = params.size > 0 ? `?${params}` : '';
    return this.request<T>('GET', path + suffix);
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  /** Resolves to null for 204 No Content (e.g. no task available). */
  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    const token = this.token();
    if (token) {
      headers.authorization = `Bearer ${token}`;
    }
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await this.fetcher(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new ApiError(0, 'NetworkError', `could not reach the API (${(e as Error).message}); nothing was lost, try again`);
    }
    if (response.status === 204) {
      return null as T;
    }
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: reported below with the raw text
    }
    if (response.status === 401) {
      this.onUnauthorized();
    }
    if (!response.ok) {
      const err = (json ?? {}) as { error?: string; message?: string };
      throw new ApiError(response.status, err.error ?? `HTTP${response.status}`, err.message ?? (text || response.statusText));
    }
    return json as T;
  }
}

/** A failed call's reason for the worker: the API's message with its HTTP status (none for a network failure). */
export function errorReason(e: unknown): string {
  if (e instanceof ApiError) {
    return e.status ? `${e.message} (HTTP ${e.status})` : e.message;
  }
  return (e as Error)?.message ?? String(e);
}
