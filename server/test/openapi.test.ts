/**
 * The API document against the running service: every route the app registers is in /openapi.json
 * with an operationId, a summary, examples and its error statuses and codes from the core's registry;
 * and real bad requests to every route answer only codes that route lists.
 */
import fs from 'node:fs';
import path from 'node:path';
import { API_ERROR_CODES, type ApiErrorCode, apiErrorCodeOf, apiErrorStatus } from '@arkpay/core';
import { type RunningServer, startServer, withConsole } from '@arkpay/server';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testKek } from './support/databases';

interface Media {
  schema?: { properties?: { code?: { enum?: string[] } } };
  example?: unknown;
  examples?: Record<string, { value: { code: string } }>;
}
interface Operation {
  operationId?: string;
  summary?: string;
  security?: Record<string, unknown>[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { content?: Record<string, Media>; headers?: Record<string, unknown> }>;
}
interface Doc {
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
}

/** Hono's ":id" is OpenAPI's "{id}". */
const openapiPath = (p: string): string => p.replace(/:([A-Za-z]+)/g, '{$1}');

/** The codes an operation lists, by status. */
function listed(op: Operation): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const [status, r] of Object.entries(op.responses)) {
    if (status === '200') continue;
    out.set(Number(status), r.content?.['application/json']?.schema?.properties?.code?.enum ?? []);
  }
  return out;
}

describe('the OpenAPI document', () => {
  let server: RunningServer;
  let db: TestDatabase;
  let app: OpenAPIHono | undefined;
  let doc: Doc;
  let acquirerKey: string;
  let issuerKey: string;
  const adminKey = `adm_test_${'d'.repeat(24)}`;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    server = await startServer(
      withConsole({
        env: {
          PORT: '0',
          DATABASE_URL: db.url,
          ARKPAY_KEK: testKek(),
          ARKPAY_ADMIN_KEY: adminKey,
          ARKPAY_WEBHOOKS: 'false',
        },
        warn: () => {},
        mount: (a) => {
          app = a as unknown as OpenAPIHono;
        },
      }),
    );
    acquirerKey = server.demo?.acquirerKey ?? '';
    issuerKey = server.demo?.issuerKey ?? '';
    doc = (await (await fetch(server.openapiUrl)).json()) as Doc;
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  it('holds every route the service registers, each with operationId, summary and examples', () => {
    expect(app).toBeDefined();
    const seen = new Set<string>();
    const routes = (app?.routes ?? []).filter((r) => {
      const key = `${r.method} ${r.path}`;
      if (seen.has(key)) return false;
      seen.add(key);
      // Pages, not API: the console, the reference and their redirects.
      const page = r.path.startsWith('/console') || ['/', '/docs', '/favicon.ico', '/openapi.json'].includes(r.path);
      return r.method !== 'ALL' && !page;
    });
    expect(routes.length).toBeGreaterThanOrEqual(29);
    const ids = new Set<string>();
    for (const r of routes) {
      const op = doc.paths[openapiPath(r.path)]?.[r.method.toLowerCase()];
      expect(op, `${r.method} ${r.path} is documented`).toBeDefined();
      if (op === undefined) continue;
      expect(op.operationId, `${r.path} operationId`).toMatch(/^[a-z][A-Za-z]+$/);
      expect(ids.has(op.operationId ?? ''), `${op.operationId} is unique`).toBe(false);
      ids.add(op.operationId ?? '');
      expect(op.summary?.length ?? 0).toBeGreaterThan(10);
      expect(op.responses['200']?.content?.['application/json']?.example, `${r.path} answer example`).toBeDefined();
      if (op.requestBody !== undefined)
        expect(op.requestBody.content['application/json']?.example, `${r.path} request example`).toBeDefined();
    }
    expect(doc.servers?.[0]?.url).toBe('/');
    for (const p of ['/healthz', '/v1/acquirer/pos/tap']) expect(Object.keys(doc.paths)).toContain(p);
  });

  it("lists each route's error statuses and codes from the registry, not the same set everywhere", () => {
    const shapes = new Set<string>();
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const op of Object.values(ops)) {
        const byStatus = listed(op);
        expect(byStatus.size, `${p} has error answers`).toBeGreaterThan(0);
        for (const [status, codes] of byStatus) {
          expect(codes.length, `${p} ${status} names its codes`).toBeGreaterThan(0);
          for (const code of codes) {
            const known = apiErrorCodeOf(code);
            expect(known, `${code} is in the registry`).toBeDefined();
            expect(apiErrorStatus(known as ApiErrorCode), `${code} answers ${status}`).toBe(status);
          }
        }
        shapes.add(JSON.stringify([...byStatus.entries()]));
        if (byStatus.has(429))
          expect(Object.keys(op.responses['429']?.headers ?? {}), `${p} 429`).toEqual(['retry-after']);
      }
    }
    expect(shapes.size).toBeGreaterThan(10);
    const refund = listed(doc.paths['/v1/acquirer/authorizations/{id}/refund']?.post as Operation);
    expect(refund.get(409)).toEqual(expect.arrayContaining(['REFUND_EXCEEDS_AMOUNT', 'ALREADY_REVERSED']));
    expect(refund.get(404)).toEqual(['AUTHORIZATION_NOT_FOUND']);
    const lost = listed(doc.paths['/v1/device/tokens/{id}/suspend']?.post as Operation);
    expect(lost.get(403)).toEqual(['DEVICE_LOST']);
    expect(listed(doc.paths['/v1/device/payments/mpm']?.post as Operation).get(422)).toContain('QR_BAD_CRC');
    expect(listed(doc.paths['/healthz']?.get as Operation).get(401)).toBeUndefined();
  });

  it('answers real bad requests only with codes the route lists', async () => {
    const calls: { what: string; op: Operation; init: RequestInit; url: string }[] = [];
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const url = `${server.url}${p.replace('{id}', 'tok_nosuch')}`;
        const scheme = Object.keys(op.security?.[0] ?? {})[0];
        const example = op.requestBody?.content['application/json']?.example;
        const json = example === undefined ? undefined : JSON.stringify(example);
        const m = method.toUpperCase();
        // No credentials, a wrong body type, and (for API keys) the documented example as sent.
        calls.push({
          what: 'no credentials',
          op,
          url,
          init: { method: m, body: json, headers: { 'content-type': 'application/json' } },
        });
        if (scheme === undefined || scheme === 'DeviceSignature') continue;
        const key = scheme === 'adminKey' ? adminKey : scheme === 'issuerKey' ? issuerKey : acquirerKey;
        const auth = { authorization: `Bearer ${key}` };
        if (json !== undefined)
          calls.push({
            what: 'text body',
            op,
            url,
            init: { method: m, body: 'x', headers: { ...auth, 'content-type': 'text/plain' } },
          });
        calls.push({
          what: 'example',
          op,
          url,
          init: { method: m, body: json, headers: { ...auth, 'content-type': 'application/json' } },
        });
      }
    }
    let errors = 0;
    for (const c of calls) {
      const r = await fetch(c.url, c.init);
      if (r.status < 400) continue;
      errors++;
      const body = (await r.json()) as { code: string };
      expect(
        listed(c.op).get(r.status) ?? [],
        `${c.init.method} ${c.url} (${c.what}) answered ${r.status} ${body.code}`,
      ).toContain(body.code);
    }
    expect(errors).toBeGreaterThan(40);
  });

  it('knows every code the core raises for QR and card data, as 422', () => {
    const src = path.resolve(import.meta.dirname, '../../core-ts/src');
    const found = new Set<string>();
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const f = path.join(dir, e.name);
        if (e.isDirectory()) walk(f);
        else if (f.endsWith('.ts'))
          for (const m of fs.readFileSync(f, 'utf8').matchAll(/new (?:QrError|CardDataError)\(\s*'([A-Z_]+)'/g))
            found.add(m[1] as string);
      }
    };
    walk(src);
    expect(found.size).toBeGreaterThan(15);
    for (const code of found) {
      expect(API_ERROR_CODES, code).toContain(code);
      expect(apiErrorStatus(code as ApiErrorCode), code).toBe(422);
    }
  });
});
