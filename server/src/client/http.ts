/** Typed JSON calls to the token service; a non-2xx answer becomes an ApiCallError with its code. */
export class ApiCallError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(`${status} ${code}: ${message}`);
    this.status = status;
    this.code = code;
    this.name = 'ApiCallError';
  }
}

/** How a client reaches the service: the global fetch, or the service's own app in-process. */
export type Fetcher = (url: string, init: RequestInit) => Promise<Response>;

export async function callJson<T>(url: string, init: RequestInit, fetcher: Fetcher = fetch): Promise<T> {
  const r = await fetcher(url, init);
  const text = await r.text();
  if (!r.ok) {
    let code = 'HTTP_ERROR';
    let message = text.slice(0, 200);
    try {
      const b = JSON.parse(text) as { code?: string; message?: string };
      code = b.code ?? code;
      message = b.message ?? message;
    } catch {
      // not JSON: keep the raw start of the body
    }
    throw new ApiCallError(r.status, code, message);
  }
  return JSON.parse(text) as T;
}

/** A client holding a Bearer API key (admin, issuer or acquirer). */
export class KeyClient {
  constructor(
    readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly fetcher: Fetcher = fetch,
  ) {}

  request<T>(method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.apiKey}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
    return callJson<T>(
      `${this.baseUrl}${path}`,
      {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      this.fetcher,
    );
  }
}
