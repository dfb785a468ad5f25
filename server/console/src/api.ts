/** Calls the token service's JSON API from the pages; a non-2xx answer becomes an ApiFailure with its code. */
export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export async function api<T>(method: string, path: string, body?: unknown, apiKey?: string): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (apiKey !== undefined) headers.authorization = `Bearer ${apiKey}`;
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  const json = text === '' ? null : (JSON.parse(text) as unknown);
  if (!res.ok) {
    const e = (json ?? {}) as { code?: string; message?: string };
    throw new ApiFailure(e.code ?? `HTTP_${res.status}`, e.message ?? res.statusText, res.status);
  }
  return json as T;
}
