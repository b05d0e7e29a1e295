// HTTP of passwords: change while logged in (contract §3.11), and the reset by SMS (§3.10, §2.3).
import {
  AccountParams,
  PasswordChange,
  PasswordReset,
  ResetCaptchaQuery,
  ResetCodeQuery,
  ResetPasswordToken,
  ResetSmsQuery,
  ResetSmsToken,
  UserId,
  UserParams,
} from '@meiduo/contract/passwords';
import { Ok } from '@meiduo/contract/verifications';
import type { Static } from '@sinclair/typebox';
import type { FastifyPluginAsync, preHandlerAsyncHookHandler } from 'fastify';
import { fail } from '../../errors.js';
import type { PasswordService } from './passwords.js';

type ByAccount = { Params: Static<typeof AccountParams> };
type ByUser = { Params: Static<typeof UserParams> };

export const passwordRoutes: FastifyPluginAsync<{ passwords: PasswordService; authenticate: preHandlerAsyncHookHandler }> = async (
  app,
  { passwords, authenticate },
) => {
  app.put<ByUser & { Body: PasswordChange }>(
    '/users/:user_id/password/',
    { preValidation: authenticate, schema: { params: UserParams, body: PasswordChange, response: { 200: Ok } } },
    async (request) => {
      await passwords.change(request.user!.id, request.params.user_id, request.body);
      return { message: 'OK' };
    },
  );

  app.get<ByAccount & { Querystring: Static<typeof ResetCaptchaQuery> }>(
    '/accounts/:account/sms/token/',
    { schema: { params: AccountParams, querystring: ResetCaptchaQuery, response: { 200: ResetSmsToken } } },
    async (request) => {
      // Some page versions name the answer `image_code`.
      const text = request.query.text ?? request.query.image_code;
      if (text === undefined) throw fail('field_required', { field: 'text' });
      return passwords.startReset(request.params.account, { imageCodeId: request.query.image_code_id, text }, request.ip);
    },
  );

  app.get<{ Querystring: Static<typeof ResetSmsQuery> }>(
    '/sms_codes/',
    { schema: { querystring: ResetSmsQuery, response: { 200: Ok } } },
    async (request) => {
      await passwords.sendResetSms(request.query.access_token, request.ip);
      return { message: 'OK' };
    },
  );

  app.get<ByAccount & { Querystring: Static<typeof ResetCodeQuery> }>(
    '/accounts/:account/password/token/',
    { schema: { params: AccountParams, querystring: ResetCodeQuery, response: { 200: ResetPasswordToken } } },
    (request) => passwords.checkResetCode(request.params.account, request.query.sms_code, request.ip),
  );

  app.post<ByUser & { Body: PasswordReset }>(
    '/users/:user_id/password/',
    { schema: { params: UserParams, body: PasswordReset, response: { 200: UserId } } },
    async (request) => {
      await passwords.finishReset(request.params.user_id, request.body);
      return { id: request.params.user_id };
    },
  );
};
