/** Issuer API: card programs. */
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Deps } from '../deps';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { jsonBody, route } from '../http/route';
import { IdParam } from '../http/schemas';
import { Program, ProgramCreate } from './model';
import { createProgram, getProgramRow, PROGRAM_CREATE_ERRORS, toProgram } from './store';
import { PROGRAM_UPDATE_ERRORS, ProgramUpdate, updateProgram } from './update';

export function registerProgramRoutes(app: OpenAPIHono<AppEnv>, deps: Deps): void {
  app.openapi(
    route({
      method: 'post',
      path: '/v1/issuer/programs',
      tag: 'issuer',
      operationId: 'createProgram',
      summary: 'Create a card program',
      security: 'issuer',
      request: { body: jsonBody(ProgramCreate) },
      response: Program,
      errors: PROGRAM_CREATE_ERRORS,
    }),
    async (c) => c.json(await createProgram(deps, c.get('principal').id, c.req.valid('json')), 200),
  );
  app.openapi(
    route({
      method: 'get',
      path: '/v1/issuer/programs',
      tag: 'issuer',
      operationId: 'listPrograms',
      summary: 'List own card programs',
      security: 'issuer',
      request: {},
      response: z.object({ programs: z.array(Program) }),
      errors: [],
    }),
    async (c) => {
      const rows = await deps.db.kysely
        .selectFrom('programs')
        .selectAll()
        .where('issuer_id', '=', c.get('principal').id)
        .orderBy('created_at')
        .execute();
      return c.json({ programs: rows.map((r) => toProgram(deps, r)) }, 200);
    },
  );
  app.openapi(
    route({
      method: 'get',
      path: '/v1/issuer/programs/{id}',
      tag: 'issuer',
      operationId: 'getProgram',
      summary: 'Read a card program',
      security: 'issuer',
      request: { params: IdParam },
      response: Program,
      errors: ['PROGRAM_NOT_FOUND'],
    }),
    async (c) => {
      const row = await getProgramRow(deps, c.req.valid('param').id);
      if (row === undefined || row.issuer_id !== c.get('principal').id)
        throw new ApiError('PROGRAM_NOT_FOUND', 'no such program');
      return c.json(toProgram(deps, row), 200);
    },
  );
  app.openapi(
    route({
      method: 'put',
      path: '/v1/issuer/programs/{id}',
      tag: 'issuer',
      operationId: 'updateProgram',
      summary: 'Edit a card program: name, card art, domains, ID&V policy, limits, FX terms, decision mode',
      security: 'issuer',
      request: { params: IdParam, body: jsonBody(ProgramUpdate) },
      response: Program,
      errors: PROGRAM_UPDATE_ERRORS,
    }),
    async (c) =>
      c.json(await updateProgram(deps, c.get('principal').id, c.req.valid('param').id, c.req.valid('json')), 200),
  );
}
