// HTTP of QQ login: contract §4.1–§4.3.
import { QqBinding, QqBound, QqCallback, QqCallbackQuery, QqLoginQuery, QqLoginUrl } from '@meiduo/contract/oauth';
import type { Static } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { OAuthService } from './service.js';

export const oauthRoutes: FastifyPluginAsync<{ oauth: OAuthService }> = async (app, { oauth }) => {
  app.get<{ Querystring: Static<typeof QqLoginQuery> }>(
    '/oauth/qq/authorization/',
    { schema: { querystring: QqLoginQuery, response: { 200: QqLoginUrl } } },
    async (request) => ({ login_url: oauth.loginUrl(request.query.next) }),
  );

  app.get<{ Querystring: Static<typeof QqCallbackQuery> }>(
    '/oauth/qq/user/',
    { schema: { querystring: QqCallbackQuery, response: { 200: QqCallback } } },
    (request) => oauth.callback(request.query.code, request.query.state),
  );

  app.post<{ Body: QqBinding }>('/oauth/qq/user/', { schema: { body: QqBinding, response: { 201: QqBound } } }, async (request, reply) =>
    reply.code(201).send(await oauth.bind(request.body)),
  );
};
