// HTTP of the account's e-mail: set it (contract §3.6) and open its verification link (§3.7).
// Both spellings of each URL the copies used are served (§13.4).
import { EmailInput, EmailSet, EmailVerificationQuery } from '@meiduo/contract/emails';
import { Ok } from '@meiduo/contract/verifications';
import type { Static } from '@sinclair/typebox';
import type { FastifyPluginAsync, preHandlerAsyncHookHandler } from 'fastify';
import type { EmailService } from './emails.js';

export const emailRoutes: FastifyPluginAsync<{ emails: EmailService; authenticate: preHandlerAsyncHookHandler }> = async (
  app,
  { emails, authenticate },
) => {
  for (const url of ['/email/', '/emails/']) {
    app.put<{ Body: EmailInput }>(
      url,
      {
        preValidation: authenticate,
        config: { errors: ['email.format', 'not_found'] },
        schema: { tags: ['users'], summary: 'Sets the account’s e-mail and mails its verification link', body: EmailInput, response: { 200: EmailSet } },
      },
      (request) => emails.setEmail(request.user!.id, request.body),
    );
  }

  app.route<{ Querystring: Static<typeof EmailVerificationQuery> }>({
    method: ['GET', 'PUT'],
    url: '/emails/verification/',
    config: { errors: ['email.token_missing', 'email.token_invalid'] },
    schema: { tags: ['users'], summary: 'Opens an e-mail verification link', querystring: EmailVerificationQuery, response: { 200: Ok } },
    handler: async (request) => {
      await emails.verify(request.query.token);
      return { message: 'OK' };
    },
  });
};
