// HTTP caching for hot public reads: routes opt in with `config: { maxAge: seconds }` and get
// `Cache-Control` plus a weak ETag of the body; a matching If-None-Match is answered 304.
// Services hand out the same memoised object until it is invalidated, so its representation
// (serialized body, ETag, and for bodies of 1 KB or more the brotli and gzip forms, each made
// once) is kept per object: a repeated read is a lookup and a buffer write. The route's handler
// is wrapped rather than hooked, so these reads skip Fastify's serializer and hook runners.
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    maxAge?: number;
  }
}

interface Representation {
  /** UTF-8, encoded once: a string with Chinese in it would be re-encoded on every send. */
  body: Buffer;
  etag: string;
  br?: Buffer;
  gzip?: Buffer;
}

const COMPRESS_FROM = 1024;

// Brotli's best quality costs ~15 ms for the 17 KB menu and ~2 ms even for a 1.6 KB SKU detail:
// worth it for the few large documents, not for each of thousands of details (quality 5: 50 µs).
const BEST_FROM = 8 * 1024;
const encoders = {
  br: (body: Buffer) =>
    brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: body.length >= BEST_FROM ? 11 : 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
  gzip: (body: Buffer) => gzipSync(body),
};
type Coding = keyof typeof encoders;

/** The coding the client accepts that we prefer (brotli, then gzip), if any. */
function acceptedCoding(header: string): Coding | undefined {
  const offered = new Set(
    header
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, quality]) => !quality || !/^\s*q\s*=\s*0(\.0*)?\s*$/.test(quality))
      .map(([coding]) => coding!.trim().toLowerCase()),
  );
  return offered.has('br') ? 'br' : offered.has('gzip') ? 'gzip' : undefined;
}

/** Parsed Accept-Encoding headers: clients send a handful of distinct values. */
const codingOf = new Map<string, Coding | undefined>();

function codingFor(header: string | undefined): Coding | undefined {
  if (!header) return undefined;
  if (codingOf.has(header)) return codingOf.get(header);
  const coding = acceptedCoding(header);
  if (codingOf.size < 100) codingOf.set(header, coding);
  return coding;
}

const representations = new WeakMap<object, Representation>();

function representationOf(reply: FastifyReply, value: object): Representation {
  let representation = representations.get(value);
  if (!representation) {
    // The route's response schema serializes it, as it would any other answer.
    const body = Buffer.from(reply.serialize(value) as string);
    representation = { body, etag: `W/"${createHash('sha1').update(body).digest('base64url')}"` };
    representations.set(value, representation);
  }
  return representation;
}

function sendCached(request: FastifyRequest, reply: FastifyReply, value: object, maxAge: number): FastifyReply {
  const representation = representationOf(reply, value);
  void reply.header('Cache-Control', `public, max-age=${maxAge}`).header('ETag', representation.etag);
  if (request.headers['if-none-match'] === representation.etag) return reply.code(304).send();
  void reply.type('application/json; charset=utf-8');
  if (representation.body.length < COMPRESS_FROM) return reply.send(representation.body);
  const vary = reply.getHeader('vary');
  void reply.header('Vary', vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding');
  const coding = codingFor(request.headers['accept-encoding']);
  if (!coding) return reply.send(representation.body);
  return reply.header('Content-Encoding', coding).send((representation[coding] ??= encoders[coding](representation.body)));
}

/** Wraps the handlers of the routes that opt in; other routes are untouched. */
export function registerHttpCache(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const maxAge = route.config?.maxAge;
    if (maxAge === undefined) return;
    const handler = route.handler;
    route.handler = async function (this: FastifyInstance, request, reply) {
      const value: unknown = await handler.call(this, request, reply);
      return typeof value === 'object' && value !== null ? sendCached(request, reply, value, maxAge) : value;
    };
  });
}
