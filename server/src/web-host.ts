// Serves the built storefront (web/dist) on its own origin, as www.meiduo.site did, plus
// /config.js telling the pages where the API is. Unknown paths get the app shell (history routing).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { connectionOptions } from './http/errors.js';
import { requestLogging } from './http/request-log.js';
import { pageHeaders, registerSecurityHeaders } from './http/security-headers.js';

/** The built storefront: web/dist, or WEB_DIST (a build made elsewhere, or one per test run). */
export const webDist = process.env.WEB_DIST || fileURLToPath(new URL('../../web/dist', import.meta.url));

export async function buildWebHost(config: Pick<Config, 'apiUrl' | 'mediaUrl' | 'requestTimeoutSeconds' | 'keepAliveTimeoutSeconds'>, logger: Logger): Promise<FastifyInstance> {
  if (!existsSync(`${webDist}/index.html`)) throw new Error(`storefront not built: run \`npm run build\` (looked in ${webDist})`);
  const { apiUrl } = config;
  const app = Fastify({ loggerInstance: logger as FastifyBaseLogger, ...requestLogging(), ...connectionOptions(config) });
  registerSecurityHeaders(app, pageHeaders(config));
  const configScript = `window.MEIDUO_CONFIG = ${JSON.stringify({ apiUrl })};\n`;
  app.get('/config.js', (_request, reply) =>
    reply.type('application/javascript; charset=utf-8').header('Cache-Control', 'no-cache').send(configScript),
  );
  // Hashed assets are immutable; the shell must be revalidated so a new build is picked up.
  // The build writes .br/.gz beside each text file; they go to browsers that accept them.
  await app.register(fastifyStatic, {
    root: webDist,
    index: false,
    preCompressed: true,
    setHeaders: (reply, filePath) => {
      if (filePath.includes('/assets/')) void reply.header('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  const shell = (reply: FastifyReply) => reply.header('Cache-Control', 'no-cache').sendFile('index.html');
  app.get('/', (_request, reply) => shell(reply));
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/assets/')) return reply.code(404).send('not found');
    return shell(reply);
  });
  return app;
}

export async function startWebHost(config: Config, logger: Logger): Promise<FastifyInstance> {
  const app = await buildWebHost(config, logger);
  await app.listen({ host: config.host, port: config.webPort });
  return app;
}
