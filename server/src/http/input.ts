// Odd input the JSON schemas alone do not stop, refused before a handler sees it.
import { FINITE } from '@meiduo/contract/common';
import type { FastifyInstance } from 'fastify';
import { DomainError, fail, type Failure } from '../errors.js';

/**
 * The contract's `x-finite` keyword (see contract/src/common.ts): a number coerced from text must
 * be finite, since Ajv's range checks skip Infinity. Reported as a field that is not an integer.
 */
export const finiteKeyword = {
  keyword: FINITE,
  schemaType: 'boolean' as const,
  validate: (wanted: boolean, data: unknown): boolean => !wanted || typeof data !== 'number' || Number.isFinite(data),
};

const NUL = '\u0000';

/** Whether a NUL hides anywhere in a parsed value, keys included (a loop: bodies nest deep). */
function holdsNul(value: unknown): boolean {
  const pending = [value];
  while (pending.length) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (next.includes(NUL)) return true;
    } else if (next !== null && typeof next === 'object') {
      for (const [key, item] of Object.entries(next)) {
        if (key.includes(NUL)) return true;
        pending.push(item);
      }
    }
  }
  return false;
}

/** Every top-level field of a body or query that holds a NUL (`non_field_errors`: not an object). */
function nulFields(input: unknown): Failure[] {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return holdsNul(input) ? [{ code: 'field_nul', field: 'non_field_errors' }] : [];
  return Object.entries(input)
    .filter(([key, value]) => key.includes(NUL) || holdsNul(value))
    .map(([field]) => ({ code: 'field_nul', field }));
}

/**
 * Refuses a NUL character in any string of a request: PostgreSQL refuses it in text, which was a
 * 500 with the SQL parameters in the log. A NUL in the path is a URL that does not exist (404);
 * in query or body fields, each such field's E1 400. Runs after authentication and the schemas,
 * so a request is refused for them first, as any other.
 */
export function refuseNulCharacters(app: FastifyInstance): void {
  app.addHook('preHandler', (request, _reply, done) => {
    const failures: Failure[] = [];
    // In a URL a NUL can only come percent-encoded; the parsed params and query hold it decoded.
    if (request.url.includes('%00')) {
      const queryAt = request.url.indexOf('?');
      if (queryAt < 0 || request.url.slice(0, queryAt).includes('%00')) return done(fail('not_found'));
      failures.push(...nulFields(request.query));
    }
    if (request.body !== undefined) failures.push(...nulFields(request.body));
    const [first, ...rest] = failures;
    done(first && new DomainError([first, ...rest]));
  });
}
