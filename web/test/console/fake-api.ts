import { Api } from '../../src/core/api';

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

type Reply = { status?: number; body?: unknown } | ((call: Call) => { status?: number; body?: unknown });

/**
 * An Api whose fetch answers from a table of "METHOD /path" → reply (a path without its query), and records every
 * call. An unknown route answers 404, so a test sees a request it did not expect.
 */
export function fakeApi(routes: Record<string, Reply>): { api: Api; calls: Call[] } {
  const calls: Call[] = [];
  const fetcher = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://api.test');
    const call: Call = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    const route = routes[`${call.method} ${decodeURIComponent(call.path)}`];
    if (!route) {
      return new Response(JSON.stringify({ error: 'NotFound', message: `no fake for ${call.method} ${call.path}` }), { status: 404 });
    }
    const reply = typeof route === 'function' ? route(call) : route;
    const status = reply.status ?? 200;
    return new Response(status === 204 ? null : JSON.stringify(reply.body ?? {}), { status });
  };
  return { api: new Api('', () => 't', fetcher as typeof fetch), calls };
}

/** Lets pending promises and Lit updates run (no clock involved: a few turns of the task queue). */
export async function settle(element?: { updateComplete: Promise<unknown> }): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    await Promise.resolve();
  }
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  if (element) {
    await element.updateComplete;
  }
}

export function shadow(element: HTMLElement): ShadowRoot {
  return element.shadowRoot!;
}

/** Types into a named input/select/textarea of the element's shadow root as a user would (value + input event). */
export function typeInto(root: ShadowRoot, name: string, value: string): void {
  const input = root.querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!input) {
    throw new Error(`no field named ${name}`);
  }
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** Picks a radio button by name and value. */
export function choose(root: ShadowRoot, name: string, value: string): void {
  const radio = root.querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`);
  if (!radio) {
    throw new Error(`no ${name}=${value} choice`);
  }
  radio.checked = true;
  radio.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}
