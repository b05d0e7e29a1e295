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
const tags = ['passwords'];

export const passwordRoutes: FastifyPluginAsync<{ passwords: PasswordService; authenticate: preHandlerAsyncHookHandler }> = async (
  app,
  { passwords, authenticate },
) => {
  app.put<ByUser & { Body: PasswordChange }>(
    '/users/:user_id/password/',
    {
      preValidation: authenticate,
      config: { errors: ['permission_denied', 'user.password_length', 'user.passwords_differ', 'user.old_password_wrong'] },
      schema: { tags, summary: 'Changes the logged-in user’s password', params: UserParams, body: PasswordChange, response: { 200: Ok } },
    },
    async (request) => {
      await passwords.change(request.user!.id, request.params.user_id, request.body);
      return { message: 'OK' };
    },
  );

  app.get<ByAccount & { Querystring: Static<typeof ResetCaptchaQuery> }>(
    '/accounts/:account/sms/token/',
    {
      config: { errors: ['field_required', 'reset.throttled', 'captcha.expired', 'captcha.wrong', 'reset.user_missing'] },
      schema: {
        tags,
        summary: 'Reset, step 1: the account and a captcha answer → the masked mobile and a token',
        params: AccountParams,
        querystring: ResetCaptchaQuery,
        response: { 200: ResetSmsToken },
      },
    },
    async (request) => {
      // Some page versions name the answer `image_code`.
      const text = request.query.text ?? request.query.image_code;
      if (text === undefined) throw fail('field_required', { field: 'text' });
      return passwords.startReset(request.params.account, { imageCodeId: request.query.image_code_id, text }, request.ip);
    },
  );

  app.get<{ Querystring: Static<typeof ResetSmsQuery> }>(
    '/sms_codes/',
    {
      config: { errors: ['reset.access_token_missing', 'reset.access_token_invalid', 'sms.ip_limited', 'reset.sms_too_frequent', 'sms.daily_limit'] },
      schema: { tags, summary: 'Reset, step 2: sends the SMS code to the token’s mobile', querystring: ResetSmsQuery, response: { 200: Ok } },
    },
    async (request) => {
      await passwords.sendResetSms(request.query.access_token, request.ip);
      return { message: 'OK' };
    },
  );

  app.get<ByAccount & { Querystring: Static<typeof ResetCodeQuery> }>(
    '/accounts/:account/password/token/',
    {
      config: { errors: ['reset.throttled', 'reset.sms_user_missing', 'reset.sms_code_invalid', 'reset.sms_code_wrong'] },
      schema: {
        tags,
        summary: 'Reset, step 3: the SMS code → the token that sets the password',
        params: AccountParams,
        querystring: ResetCodeQuery,
        response: { 200: ResetPasswordToken },
      },
    },
    (request) => passwords.checkResetCode(request.params.account, request.query.sms_code, request.ip),
  );

  app.post<ByUser & { Body: PasswordReset }>(
    '/users/:user_id/password/',
    {
      config: { errors: ['user.password_length', 'user.passwords_differ', 'reset.token_invalid', 'not_found'] },
      schema: { tags, summary: 'Reset, step 4: the new password', params: UserParams, body: PasswordReset, response: { 200: UserId } },
    },
    async (request) => {
      await passwords.finishReset(request.params.user_id, request.body);
      return { id: request.params.user_id };
    },
  );
};
