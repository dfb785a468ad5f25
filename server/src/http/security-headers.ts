/**
 * Response headers on every answer. The API's JSON may not be rendered as a page, framed or sniffed;
 * the console (/console/) gets a CSP that allows only its own bundled scripts and styles, same-origin
 * fetch and WebSocket (the relay), and data:/blob: images (the QR codes it draws): no inline script,
 * no other origin, never inside a frame.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env';

export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    const page = new URL(c.req.url).pathname.startsWith('/console');
    h.set('content-security-policy', page ? CONSOLE_CSP : API_CSP);
    h.set('x-content-type-options', 'nosniff');
    h.set('x-frame-options', 'DENY');
    h.set('referrer-policy', 'no-referrer');
    h.set('cross-origin-opener-policy', 'same-origin');
    h.set('cross-origin-resource-policy', 'same-origin');
  };
}
