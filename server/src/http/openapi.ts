// The generated API reference: OpenAPI 3.1 built from the route schemas by @fastify/swagger,
// browsable at /docs (@fastify/swagger-ui; its assets come inside the package) and as JSON at
// /docs/json. Error answers come from the catalogue, not from per-route prose: a route lists
// the codes its handler and services can raise in `config.errors`, and the codes every route
// of its kind can answer with are added here (the server's 500/507, not_found for a path
// parameter out of its pattern, the validation codes its body, query and header schemas imply,
// the body-parsing errors of methods with a body, the 401s of routes behind requireUser's hook).
// The codes only document: Fastify never serializes an error through them, since the error
// handler's bodies take several shapes. Nothing here runs per request: swagger hooks onRoute
// and onReady only, and the document is built once, on its first read.
import { readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { ERRORS, type ErrorShape } from '@meiduo/contract/errors';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { DomainError, type ErrorCode, type Failure } from '../errors.js';
import { AUTH_ERRORS, isUserHook } from './auth.js';
import { ERROR_CODE_HEADER, errorBody, validationCode } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Catalogue codes this route's own handler and services can answer with (see openapi.ts). */
    errors?: readonly ErrorCode[];
  }
}

export const DOCS_PREFIX = '/docs';

/** The shapes of the contract's error bodies (§1.5), by their names in the docs. */
const SHAPES: Record<ErrorShape, { name: string; schema: object }> = {
  field: {
    name: 'E1',
    schema: {
      description: 'E1: each failing field with its messages',
      type: 'object',
      additionalProperties: { type: 'array', items: { type: 'string' } },
    },
  },
  non_field: {
    name: 'E2',
    schema: {
      description: 'E2: a failure of the request as a whole; `message` repeats the text',
      type: 'object',
      required: ['non_field_errors', 'message'],
      properties: { non_field_errors: { type: 'array', items: { type: 'string' } }, message: { type: 'string' } },
    },
  },
  list: { name: 'E3', schema: { description: 'E3: a list of messages', type: 'array', items: { type: 'string' } } },
  message: {
    name: 'E4',
    schema: { description: 'E4: one message', type: 'object', required: ['message'], properties: { message: { type: 'string' } } },
  },
  detail: {
    name: 'E5',
    schema: { description: 'E5: one message (DRF’s framework errors)', type: 'object', required: ['detail'], properties: { detail: { type: 'string' } } },
  },
};

const SERVER_ERRORS: ErrorCode[] = ['server.error', 'server.unavailable'];
/** What Fastify's body parsing answers, on methods whose requests carry a body. */
const BODY_ERRORS: ErrorCode[] = ['body_bad_json', 'body_empty', 'body_too_large', 'media_type_unsupported', 'bad_request'];
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const SECURITY_SCHEME = 'jwt';

type Json = Record<string, unknown>;

/** The JSON-schema keywords of one property that can fail, as the validator would report them. */
function* checks(schema: Json): Generator<{ keyword: string; params: Record<string, unknown> }> {
  for (const keyword of ['type', 'minLength', 'maxLength', 'minimum', 'maximum', 'format', 'pattern', 'enum', 'const']) {
    const value = schema[keyword];
    if (value === undefined) continue;
    yield { keyword, params: keyword === 'type' ? { type: String(value) } : keyword === 'format' ? { format: value } : { limit: value } };
  }
  const branches = [...((schema.anyOf as Json[]) ?? []), ...((schema.oneOf as Json[]) ?? [])];
  if (branches.length) yield { keyword: 'anyOf', params: {} };
  for (const branch of branches) yield* checks(branch);
}

/** The validation failures a body, query or header schema can answer with, each with a field that can. */
function validationFailures(schema: Json, inQuery: boolean): Failure[] {
  const found = new Map<ErrorCode, Failure>();
  for (const field of (schema.required as string[]) ?? []) if (!found.has('field_required')) found.set('field_required', { code: 'field_required', field });
  for (const [field, property] of Object.entries((schema.properties as Record<string, Json>) ?? {})) {
    // http/input.ts refuses a NUL character in any string.
    if (property.type === 'string' && !found.has('field_nul')) found.set('field_nul', { code: 'field_nul', field });
    for (const check of checks(property)) {
      // A query value or a header is always a string: only other types can fail their check.
      if (inQuery && check.keyword === 'type' && check.params.type === 'string') continue;
      const code = validationCode({ ...check, instancePath: `/${field}` });
      const limit = check.params.limit;
      if (!found.has(code)) found.set(code, { code, field, ...(typeof limit === 'number' ? { params: { limit: String(limit) } } : {}) });
    }
  }
  return [...found.values()];
}

/** Every error answer of a route: its own codes and those of every route of its kind. */
function routeFailures(route: Pick<RouteOptions, 'method' | 'schema' | 'config' | 'onRequest' | 'preValidation' | 'preHandler'>): Failure[] {
  const schema = (route.schema ?? {}) as Json;
  const failures = new Map<ErrorCode, Failure>();
  const add = (failure: Failure): void => {
    if (!failures.has(failure.code)) failures.set(failure.code, failure);
  };
  if (schema.params) add({ code: 'not_found' });
  if (schema.querystring) validationFailures(schema.querystring as Json, true).forEach(add);
  if (schema.headers) validationFailures(schema.headers as Json, true).forEach(add);
  if (schema.body) [...validationFailures(schema.body as Json, false), { code: 'body_not_object' as const }, { code: 'body_invalid' as const }].forEach(add);
  for (const code of route.config?.errors ?? []) add({ code });
  if ([route.onRequest, route.preValidation, route.preHandler].flat().some(isUserHook)) for (const code of AUTH_ERRORS) add({ code });
  // A back office route (http/admin-auth.ts): an admin token, a staff account and its permission.
  if (route.config?.permission) for (const code of [...AUTH_ERRORS, 'permission_denied' as const]) add({ code });
  if ([route.method].flat().some((method) => BODY_METHODS.has(method))) for (const code of BODY_ERRORS) add({ code });
  for (const code of SERVER_ERRORS) add({ code });
  return [...failures.values()];
}

const ref = (shape: ErrorShape) => ({ $ref: `#/components/schemas/${SHAPES[shape].name}` });

/** The documented responses of a route's error answers, one per status. */
function errorResponses(failures: Failure[]): Record<string, Json> {
  const byStatus = new Map<number, Failure[]>();
  for (const failure of failures) {
    const status = ERRORS[failure.code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), failure]);
  }
  const responses: Record<string, Json> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    const shapes = [...new Set(list.map((failure) => ERRORS[failure.code].shape))];
    const line = (failure: Failure) => `- \`${failure.code}\` (${SHAPES[ERRORS[failure.code].shape].name}): ${ERRORS[failure.code].text}`;
    const headers: Json = {
      [ERROR_CODE_HEADER]: { description: 'The catalogue code of this answer', schema: { type: 'string', enum: list.map((failure) => failure.code) } },
    };
    if (status === 401) headers['WWW-Authenticate'] = { schema: { type: 'string', const: 'JWT realm="api"' } };
    if (status === 429) headers['Retry-After'] = { description: 'When present: seconds before trying again can succeed', schema: { type: 'integer' } };
    responses[String(status)] = {
      description: `Errors, by the code in the \`${ERROR_CODE_HEADER}\` header (\`{name}\` is filled in):\n${list.map(line).join('\n')}`,
      headers,
      content: {
        'application/json': {
          schema: shapes.length === 1 ? ref(shapes[0]!) : { oneOf: shapes.map(ref) },
          examples: Object.fromEntries(
            list.map((failure) => [
              failure.code,
              { summary: `${SHAPES[ERRORS[failure.code].shape].name} ${failure.code}`, value: errorBody(new DomainError([failure])) },
            ]),
          ),
        },
      },
    };
  }
  return responses;
}

/** Where the transform leaves a route's error responses for transformObject to merge. */
const PENDING = 'x-meiduo-error-responses';

function mergeErrorResponses(operation: Json): void {
  const pending = operation[PENDING] as Record<string, Json> | undefined;
  delete operation[PENDING];
  const responses = (operation.responses ??= {}) as Record<string, Json>;
  for (const [status, response] of Object.entries(responses)) {
    if (response.description === 'Default Response') response.description = STATUS_CODES[status] ?? response.description;
  }
  for (const [status, response] of Object.entries(pending ?? {})) {
    const existing = responses[status];
    if (!existing) {
      responses[status] = response;
      continue;
    }
    // A status the route answers itself too (say /readyz's 503): both bodies are documented.
    const mine = (response.content as Record<string, Json>)['application/json']!;
    const theirs = (existing.content as Record<string, Json> | undefined)?.['application/json'];
    existing.description = `${String(existing.description)}\n\n${String(response.description)}`;
    existing.headers = { ...(existing.headers as Json), ...(response.headers as Json) };
    existing.content = { ...(existing.content as Json), 'application/json': theirs ? { ...mine, schema: { oneOf: [theirs.schema, mine.schema] } } : mine };
  }
}

function version(): string {
  const packageFile = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(packageFile, 'utf8')) as { version: string }).version;
}

/** OpenAPI at /docs/json and the browsable page at /docs. Register before the routes it documents. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Meiduo Mall API',
        version: version(),
        description:
          'The shop’s HTTP API, generated from the route schemas. Conventions (origins, JWT, error shapes E1–E5, ' +
          'pagination) are in docs/api.md of the repository. Every error answer names its catalogue code in the ' +
          `\`${ERROR_CODE_HEADER}\` header.`,
      },
      components: {
        securitySchemes: {
          [SECURITY_SCHEME]: {
            type: 'apiKey',
            in: 'header',
            name: 'Authorization',
            description: '`JWT <token>` or `Bearer <token>`, the token from registration or login (valid one day)',
          },
        },
        schemas: Object.fromEntries(Object.values(SHAPES).map(({ name, schema }) => [name, schema])),
      },
    },
    transform: ({ schema, url, route }) => {
      const failures = routeFailures(route);
      const responses = errorResponses(failures);
      if (route.config?.maxAge) responses['304'] = { description: 'Not Modified: `If-None-Match` names the current ETag' };
      const authenticated = failures.some((failure) => failure.code.startsWith('auth.'));
      return {
        url,
        schema: {
          ...schema,
          ...(authenticated ? { security: [{ [SECURITY_SCHEME]: [] }] } : {}),
          ...(route.config?.permission ? { 'x-permission': route.config.permission } : {}),
          'x-error-codes': failures.map((failure) => failure.code),
          [PENDING]: responses,
        },
      };
    },
    transformObject: (document) => {
      const openapiObject = (document as { openapiObject: { paths?: Record<string, Record<string, Json>> } }).openapiObject;
      for (const pathItem of Object.values(openapiObject.paths ?? {})) {
        for (const operation of Object.values(pathItem)) mergeErrorResponses(operation);
      }
      return openapiObject;
    },
  });
  // No validator badge: it would send the document's URL to validator.swagger.io, which the page's CSP refuses anyway.
  // Tags start folded: with the back office the reference has some 170 operations, and Swagger UI
  // (5.x) drew only the first ten of them when every tag started open.
  await app.register(fastifySwaggerUi, { routePrefix: DOCS_PREFIX, uiConfig: { docExpansion: 'none', deepLinking: true, validatorUrl: null } });
}
