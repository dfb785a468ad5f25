/**
 * @kit.NetworkKit `http` on real sockets (node:http). Only loopback hosts are reachable: tests talk to a
 * token service on 127.0.0.1 and nothing else leaves the machine.
 */
import { request as nodeRequest } from 'node:http';
import { KitError } from '../errors/kit-error';

/** http.RequestMethod (@ohos.net.http.d.ts): the method names themselves. */
export const RequestMethod = {
  OPTIONS: 'OPTIONS',
  GET: 'GET',
  HEAD: 'HEAD',
  POST: 'POST',
  PUT: 'PUT',
  DELETE: 'DELETE',
  TRACE: 'TRACE',
  CONNECT: 'CONNECT',
} as const;

/** http.HttpDataType (@ohos.net.http.d.ts). */
export const HttpDataType = { STRING: 0, OBJECT: 1, ARRAY_BUFFER: 2 } as const;

export interface HttpRequestOptions {
  method?: string;
  extraData?: string | object | ArrayBuffer;
  expectDataType?: number;
  header?: Record<string, string>;
  readTimeout?: number;
  connectTimeout?: number;
}

export interface HttpResponse {
  result: string | object | ArrayBuffer;
  resultType: number;
  responseCode: number;
  header: Record<string, string>;
  cookies: string;
}

/** @ohos.net.http.d.ts HttpRequestOptions: readTimeout and connectTimeout default to 60000 ms. */
const DEFAULT_TIMEOUT_MS = 60000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export class HttpRequest {
  private destroyed = false;

  request(url: string, options?: HttpRequestOptions): Promise<HttpResponse> {
    return new Promise<HttpResponse>((resolve, reject) => {
      let u: URL;
      try {
        u = new URL(url);
      } catch {
        // @ohos.net.http.d.ts request: 2300003 "Invalid URL format or missing URL".
        reject(new KitError(2300003, 'Invalid URL format or missing URL.'));
        return;
      }
      // @ohos.net.http.d.ts request: 2300001 "Unsupported protocol" (the model speaks plain http only).
      if (u.protocol !== 'http:') {
        reject(new KitError(2300001, 'Unsupported protocol.'));
        return;
      }
      if (!LOOPBACK.has(u.hostname)) {
        // Model boundary: no traffic off this machine; a device would resolve the name (2300006 when it cannot).
        reject(new KitError(2300006, 'Failed to resolve the host name.'));
        return;
      }
      if (this.destroyed) {
        reject(new KitError(2300999, 'Internal error: request destroyed.'));
        return;
      }
      const o = options ?? {};
      // @ohos.net.http.d.ts HttpRequestOptions.header: default 'content-type': 'application/json'.
      const header: Record<string, string> = { 'content-type': 'application/json', ...(o.header ?? {}) };
      const body =
        o.extraData === undefined
          ? undefined
          : typeof o.extraData === 'string'
            ? o.extraData
            : o.extraData instanceof ArrayBuffer
              ? Buffer.from(o.extraData)
              : JSON.stringify(o.extraData);
      const req = nodeRequest(
        u,
        { method: o.method ?? RequestMethod.GET, headers: header, timeout: o.readTimeout ?? DEFAULT_TIMEOUT_MS },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const raw = Buffer.concat(chunks);
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = String(v);
            const type = o.expectDataType ?? HttpDataType.STRING;
            const result: string | object | ArrayBuffer =
              type === HttpDataType.ARRAY_BUFFER
                ? raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength)
                : type === HttpDataType.OBJECT
                  ? (JSON.parse(raw.toString('utf8')) as object)
                  : raw.toString('utf8');
            resolve({ result, resultType: type, responseCode: res.statusCode ?? 0, header: headers, cookies: '' });
          });
        },
      );
      req.setTimeout(o.connectTimeout ?? DEFAULT_TIMEOUT_MS, () => {
        // @ohos.net.http.d.ts request: 2300028 "Operation timeout".
        req.destroy(new KitError(2300028, 'Operation timeout.'));
      });
      req.on('error', (e: Error) => {
        if (e instanceof KitError) reject(e);
        // @ohos.net.http.d.ts request: 2300007 "Failed to connect to the server".
        else reject(new KitError(2300007, 'Failed to connect to the server.'));
      });
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  destroy(): void {
    this.destroyed = true;
  }
}

export function createHttp(): HttpRequest {
  return new HttpRequest();
}
