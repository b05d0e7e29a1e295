// Serves a built Vite app on its own origin: the storefront (web/dist), as www.meiduo.site did,
// and the back office (admin/dist) beside it. Each gets /config.js telling its pages where the
// API is; unknown paths get the app shell (history routing). One host, two sites.
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
/** The built back office: admin/dist, or ADMIN_DIST. */
export const adminDist = process.env.ADMIN_DIST || fileURLToPath(new URL('../../admin/dist', import.meta.url));

type HostConfig = Pick<Config, 'host' | 'apiUrl' | 'mediaUrl' | 'requestTimeoutSeconds' | 'keepAliveTimeoutSeconds' | 'webPort' | 'adminPort'>;

/** One of the two sites: what the logs and errors call it, its build, and the port it listens on. */
export interface Site {
  name: 'storefront' | 'back office';
  dist: string;
  port: number;
}

export const storefront = (config: Pick<Config, 'webPort'>): Site => ({ name: 'storefront', dist: webDist, port: config.webPort });
export const backOffice = (config: Pick<Config, 'adminPort'>): Site => ({ name: 'back office', dist: adminDist, port: config.adminPort });

export async function buildSiteHost(site: Site, config: HostConfig, logger: Logger): Promise<FastifyInstance> {
  if (!existsSync(`${site.dist}/index.html`)) throw new Error(`${site.name} not built: run \`npm run build\` (looked in ${site.dist})`);
  const { apiUrl } = config;
  const app = Fastify({ loggerInstance: logger as FastifyBaseLogger, ...requestLogging(), ...connectionOptions(config) });
  // The same strict policy for both sites, no 'unsafe-inline' styles for the back office either:
  // Element Plus and vue-echarts style through the CSSOM (element.style, constructed style
  // sheets), which style-src does not govern; e2e/admin.test.ts fails on any violation.
  registerSecurityHeaders(app, pageHeaders(config));
  const configScript = `window.MEIDUO_CONFIG = ${JSON.stringify({ apiUrl })};\n`;
  app.get('/config.js', (_request, reply) =>
    reply.type('application/javascript; charset=utf-8').header('Cache-Control', 'no-cache').send(configScript),
  );
  // Hashed assets are immutable; the shell must be revalidated so a new build is picked up.
  // The build writes .br/.gz beside each text file; they go to browsers that accept them.
  await app.register(fastifyStatic, {
    root: site.dist,
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

export async function startSiteHost(site: Site, config: HostConfig, logger: Logger): Promise<FastifyInstance> {
  const app = await buildSiteHost(site, config, logger);
  await app.listen({ host: config.host, port: site.port });
  return app;
}
