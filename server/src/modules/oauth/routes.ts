// HTTP of QQ login: contract §4.1–§4.3.
import { QqBinding, QqBound, QqCallback, QqCallbackQuery, QqLoginQuery, QqLoginUrl } from '@meiduo/contract/oauth';
import type { Static } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { CartMerger } from '../carts/routes.js';
import type { OAuthService } from './service.js';

const tags = ['oauth'];

export const oauthRoutes: FastifyPluginAsync<{ oauth: OAuthService; mergeCart: CartMerger }> = async (app, { oauth, mergeCart }) => {
  app.get<{ Querystring: Static<typeof QqLoginQuery> }>(
    '/oauth/qq/authorization/',
    {
      config: { errors: ['qq.not_configured'] },
      schema: { tags, summary: 'Where to send the browser to log in with QQ', querystring: QqLoginQuery, response: { 200: QqLoginUrl } },
    },
    async (request) => ({ login_url: oauth.loginUrl(request.query.next) }),
  );

  app.get<{ Querystring: Static<typeof QqCallbackQuery> }>(
    '/oauth/qq/user/',
    {
      config: { errors: ['qq.code_missing', 'qq.not_configured', 'qq.unavailable'] },
      schema: {
        tags,
        summary: 'QQ’s redirect: a session for a bound account, else a token for the binding form',
        querystring: QqCallbackQuery,
        response: { 200: QqCallback },
      },
    },
    async (request, reply) => {
      const answer = await oauth.callback(request.query.code, request.query.state);
      // Only a login merges the cart; a binding token does not log anyone in yet.
      if ('user_id' in answer) await mergeCart(request, reply, answer.user_id);
      return answer;
    },
  );

  app.post<{ Body: QqBinding }>(
    '/oauth/qq/user/',
    {
      config: {
        errors: [
          'user.mobile_format',
          'user.password_length',
          'qq.token_invalid',
          'sms.code_invalid',
          'sms.code_wrong',
          'qq.password_wrong',
          'qq.already_bound',
          'user.disabled',
        ],
      },
      schema: { tags, summary: 'Binds the QQ account to the mobile’s account (created if none) and logs in', body: QqBinding, response: { 201: QqBound } },
    },
    async (request, reply) => {
      const bound = await oauth.bind(request.body);
      await mergeCart(request, reply, bound.user_id);
      return reply.code(201).send(bound);
    },
  );
};
