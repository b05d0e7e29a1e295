// HTTP caching for hot public reads: routes opt in with `config: { maxAge: seconds }` and get
// `Cache-Control` plus a weak ETag of the body; a matching If-None-Match is answered 304.
// Services hand out the same memoised object until it is invalidated, so the serialized body
// and its ETag are kept per object: a repeated read skips serialization and hashing. Bodies of
// 1 KB or more are also kept compressed (brotli and gzip, made once per object), so the large
// documents (menu, home slots) cost a browser a few KB, and the server a buffer write.
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    maxAge?: number;
  }
}

interface Serialized {
  body: string;
  etag: string;
  br?: Buffer;
  gzip?: Buffer;
}

const COMPRESS_FROM = 1024;

const encoders = {
  br: (body: string) => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  gzip: (body: string) => gzipSync(body, { level: 9 }),
};

/** The coding the client accepts that we prefer (brotli, then gzip), if any. */
function acceptedCoding(header: string | undefined): keyof typeof encoders | undefined {
  if (!header) return undefined;
  const offered = new Set(
    header
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, quality]) => !quality || !/^\s*q\s*=\s*0(\.0*)?\s*$/.test(quality))
      .map(([coding]) => coding!.trim().toLowerCase()),
  );
  return offered.has('br') ? 'br' : offered.has('gzip') ? 'gzip' : undefined;
}

const serializedOf = new WeakMap<object, Serialized>();
const payloadOf = new WeakMap<FastifyRequest, object>();

/** Parsed Accept-Encoding headers: clients send a handful of distinct values. */
const codingOf = new Map<string, keyof typeof encoders | undefined>();

function codingFor(header: string | undefined): keyof typeof encoders | undefined {
  if (!header) return undefined;
  if (codingOf.has(header)) return codingOf.get(header);
  const coding = acceptedCoding(header);
  if (codingOf.size < 100) codingOf.set(header, coding);
  return coding;
}

function send(request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown {
  if (reply.statusCode !== 200 || typeof payload !== 'string') return payload;
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
  // Only memoised bodies are compressed: each is compressed once, not on every request.
  if (!object || serialized.body.length < COMPRESS_FROM) return payload;
  const vary = reply.getHeader('vary');
  void reply.header('Vary', vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding');
  const coding = codingFor(request.headers['accept-encoding']);
  if (!coding) return payload;
  void reply.header('Content-Encoding', coding);
  return (serialized[coding] ??= encoders[coding](serialized.body));
}

/** Adds the hooks to the routes that opt in only; callback hooks, no promise per request. */
export function registerHttpCache(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (route.config?.maxAge === undefined) return;
    route.preSerialization = [
      ...[route.preSerialization ?? []].flat(),
      (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void) => {
        if (reply.statusCode === 200 && typeof payload === 'object' && payload !== null) {
          payloadOf.set(request, payload);
          const known = serializedOf.get(payload);
          if (known) reply.serializer(() => known.body);
        }
        done(null, payload);
      },
    ];
    route.onSend = [
      ...[route.onSend ?? []].flat(),
      (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: null, payload: unknown) => void) => done(null, send(request, reply, payload)),
    ];
  });
}
