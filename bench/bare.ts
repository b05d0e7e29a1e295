// The yardstick: a bare Fastify "hello" route, same machine, same run; and a bare route that
// sends N bytes, to tell what a large cached document costs from what its size costs.
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';

const bytes = randomBytes(64 * 1024);
const app = Fastify({ logger: false });
app.get('/hello/', async () => ({ hello: 'world' }));
app.get<{ Params: { n: string } }>('/bytes/:n/', async (request, reply) =>
  reply.type('application/json').send(bytes.subarray(0, Math.min(bytes.length, Number(request.params.n) || 0))),
);
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 18101) });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
