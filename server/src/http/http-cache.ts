// HTTP caching for hot public reads: routes opt in with `config: { maxAge: seconds }` and get
// `Cache-Control` plus a weak ETag of the body; a matching If-None-Match is answered 304.
// Services hand out the same memoised object until it is invalidated, so the serialized body
// and its ETag are kept per object: a repeated read skips serialization and hashing.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    maxAge?: number;
  }
}

interface Serialized {
  body: string;
  etag: string;
}

const serializedOf = new WeakMap<object, Serialized>();
const payloadOf = new WeakMap<FastifyRequest, object>();

function cacheable(request: FastifyRequest, reply: FastifyReply): boolean {
  return request.routeOptions.config?.maxAge !== undefined && reply.statusCode === 200;
}

export function registerHttpCache(app: FastifyInstance): void {
  app.addHook('preSerialization', async (request, reply, payload) => {
    if (!cacheable(request, reply) || typeof payload !== 'object' || payload === null) return payload;
    payloadOf.set(request, payload);
    const known = serializedOf.get(payload);
    if (known) reply.serializer(() => known.body);
    return payload;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (!cacheable(request, reply) || typeof payload !== 'string') return payload;
    const object = payloadOf.get(request);
    let serialized = object && serializedOf.get(object);
    if (!serialized) {
      serialized = { body: payload, etag: `W/"${createHash('sha1').update(payload).digest('base64url')}"` };
      if (object) serializedOf.set(object, serialized);
    }
    void reply.header('Cache-Control', `public, max-age=${request.routeOptions.config.maxAge}`).header('ETag', serialized.etag);
    if (request.headers['if-none-match'] === serialized.etag) {
      void reply.code(304);
      return '';
    }
    return payload;
  });
}
