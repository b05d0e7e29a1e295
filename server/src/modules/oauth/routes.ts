// HTTP of QQ login: contract §4.1–§4.3.
import { QqBinding, QqBound, QqCallback, QqCallbackQuery, QqLoginQuery, QqLoginUrl } from '@meiduo/contract/oauth';
import type { Static } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { CartMerger } from '../carts/routes.js';
import type { OAuthService } from './service.js';

export const oauthRoutes: FastifyPluginAsync<{ oauth: OAuthService; mergeCart: CartMerger }> = async (app, { oauth, mergeCart }) => {
  app.get<{ Querystring: Static<typeof QqLoginQuery> }>(
    '/oauth/qq/authorization/',
    { schema: { querystring: QqLoginQuery, response: { 200: QqLoginUrl } } },
    async (request) => ({ login_url: oauth.loginUrl(request.query.next) }),
  );

  app.get<{ Querystring: Static<typeof QqCallbackQuery> }>(
    '/oauth/qq/user/',
    { schema: { querystring: QqCallbackQuery, response: { 200: QqCallback } } },
    async (request, reply) => {
      const answer = await oauth.callback(request.query.code, request.query.state);
      // Only a login merges the cart; a binding token does not log anyone in yet.
      if ('user_id' in answer) await mergeCart(request, reply, answer.user_id);
      return answer;
    },
  );

  app.post<{ Body: QqBinding }>('/oauth/qq/user/', { schema: { body: QqBinding, response: { 201: QqBound } } }, async (request, reply) => {
    const bound = await oauth.bind(request.body);
    await mergeCart(request, reply, bound.user_id);
    return reply.code(201).send(bound);
  });
};
