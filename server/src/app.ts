// Builds the HTTP API from a context: CORS, errors, one line of log per request, the modules.
import cors from '@fastify/cors';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Context } from './context.js';
import { requireUser } from './http/auth.js';
import { registerErrorHandling } from './http/errors.js';
import { OneLinePerRequest } from './http/request-log.js';
import { userRoutes } from './modules/users/routes.js';
import { UserService } from './modules/users/service.js';
import { verificationRoutes } from './modules/verifications/routes.js';
import { VerificationService } from './modules/verifications/service.js';

export const BODY_LIMIT = 64 * 1024;

export async function createServices(context: Context) {
  const verifications = new VerificationService(context);
  const users = await UserService.create(context, verifications);
  return { verifications, users };
}

export async function buildApp(context: Context): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: context.logger as FastifyBaseLogger,
    logController: new OneLinePerRequest(),
    bodyLimit: BODY_LIMIT,
    trustProxy: context.config.trustProxy,
    ajv: {
      // Report every failing field (DRF does), keep the schema so custom messages can be read,
      // and accept the `messages` annotation the routes use for the contract's wording.
      customOptions: { allErrors: true, verbose: true, keywords: ['messages'] },
    },
  });
  app.decorateRequest('user', null);
  registerErrorHandling(app);
  const allowedOrigins = new Set(context.config.corsOrigins);
  await app.register(cors, {
    // An explicit allow-list, echoed back with credentials (contract §1.2); never '*'. Other
    // origins get no CORS header at all, so the browser keeps our answers from their scripts.
    origin: (origin, callback) => callback(null, origin !== undefined && allowedOrigins.has(origin) ? origin : false),
    credentials: true,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type', 'accept', 'origin', 'x-requested-with'],
    maxAge: 86_400,
  });

  const services = await createServices(context);
  const authenticate = requireUser(context.tokens, (id) => services.users.findActive(id));
  await app.register(verificationRoutes, { verifications: services.verifications });
  await app.register(userRoutes, { users: services.users, authenticate });
  return app;
}
