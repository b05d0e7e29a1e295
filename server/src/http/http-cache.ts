// HTTP caching for hot public reads: routes opt in with `config: { maxAge: seconds }` and get
// `Cache-Control` plus a weak ETag of the body; a matching If-None-Match is answered 304.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    maxAge?: number;
  }
}

export function registerHttpCache(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const maxAge = request.routeOptions.config?.maxAge;
    if (maxAge === undefined || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    const etag = `W/"${createHash('sha1').update(payload).digest('base64url')}"`;
    void reply.header('Cache-Control', `public, max-age=${maxAge}`).header('ETag', etag);
    if (request.headers['if-none-match'] === etag) {
      void reply.code(304);
      return '';
    }
    return payload;
  });
}
