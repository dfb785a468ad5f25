/**
 * The edge check every /v1 request passes before authentication: a URL that decodes, no control
 * characters anywhere (path, query, JSON strings and keys), and a body that is JSON sent as JSON.
 * PostgreSQL text refuses NUL, and nothing in this API has a use for control characters, so they are
 * refused here once instead of failing deep inside a query.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env';
import { fail } from './errors';

const MAX_DEPTH = 32;
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** C0 controls (tab and newline included), DEL, C1 controls, or a UTF-16 half without its pair. */
export function hasControlCharacter(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    if (u < 0x20 || (u >= 0x7f && u <= 0x9f)) return true;
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (u >= 0xdc00 && u <= 0xdfff) return true;
  }
  return false;
}

/** Walks a parsed JSON value without recursion (a deep body must not overflow the stack). */
function checkJson(root: unknown): void {
  // Two parallel stacks instead of an object per value: this runs on every request body.
  const values: unknown[] = [root];
  const depths: number[] = [0];
  while (values.length > 0) {
    const v = values.pop();
    const depth = depths.pop() ?? 0;
    if (typeof v === 'string') {
      if (hasControlCharacter(v)) throw fail('CONTROL_CHARACTER', 'a string in the body holds a control character');
    } else if (typeof v === 'object' && v !== null) {
      if (depth >= MAX_DEPTH) throw fail('BODY_TOO_DEEP', `JSON nested deeper than ${MAX_DEPTH} levels`);
      if (Array.isArray(v)) {
        for (const e of v) {
          values.push(e);
          depths.push(depth + 1);
        }
      } else {
        for (const [k, e] of Object.entries(v)) {
          values.push(k, e);
          depths.push(depth + 1, depth + 1);
        }
      }
    }
  }
}

function decoded(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    throw fail('URL_MALFORMED', 'the URL has a malformed percent-encoding');
  }
}

function isJsonType(contentType: string | undefined): boolean {
  const mime = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return mime === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(mime);
}

export function requestGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // The request line's path and query as sent (no URL object: this runs on every request).
    const raw = c.req.url;
    const start = raw.indexOf('/', raw.indexOf('//') + 2);
    const target = start < 0 ? '/' : raw.slice(start);
    if (hasControlCharacter(decoded(target))) {
      throw fail('CONTROL_CHARACTER', 'the URL holds a control character');
    }
    if (BODY_METHODS.has(c.req.method)) {
      const text = await c.req.text();
      if (text !== '') {
        if (!isJsonType(c.req.header('content-type'))) {
          throw fail('CONTENT_TYPE_UNSUPPORTED', 'a request body must be sent as application/json');
        }
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          throw fail('BODY_NOT_JSON', 'the request body is not valid JSON');
        }
        checkJson(body);
      }
    }
    await next();
  };
}
