// HTTP of the users module: contract §3.1–§3.5, §3.9. Shapes: @meiduo/contract/users.
import { SkuBrief } from '@meiduo/contract/goods';
import {
  Credentials,
  HistoryEntry,
  MobileCount,
  MobileParams,
  Profile,
  Registered,
  Registration,
  Session,
  UsernameCount,
  UsernameParams,
} from '@meiduo/contract/users';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsync, preHandlerAsyncHookHandler } from 'fastify';
import type { BrowseHistoryService } from './history.js';
import type { CartMerger } from '../carts/routes.js';
import type { UserService } from './service.js';
import { captchaAnswer } from '../verifications/service.js';

export const userRoutes: FastifyPluginAsync<{
  users: UserService;
  histories: BrowseHistoryService;
  authenticate: preHandlerAsyncHookHandler;
  mergeCart: CartMerger;
}> = async (app, { users, histories, authenticate, mergeCart }) => {
  app.get<{ Params: Static<typeof UsernameParams> }>(
    '/usernames/:username/count/',
    { schema: { tags: ['users'], summary: 'How many accounts have this username (0 or 1)', params: UsernameParams, response: { 200: UsernameCount } } },
    async (request) => ({ username: request.params.username, count: await users.countByUsername(request.params.username) }),
  );

  app.get<{ Params: Static<typeof MobileParams> }>(
    '/mobiles/:mobile/count/',
    { schema: { tags: ['users'], summary: 'How many accounts have this mobile (0 or 1)', params: MobileParams, response: { 200: MobileCount } } },
    async (request) => ({ mobile: request.params.mobile, count: await users.countByMobile(request.params.mobile) }),
  );

  app.post<{ Body: Registration }>(
    '/users/',
    {
      config: {
        errors: [
          'user.username_length',
          'user.username_chars',
          'user.username_digits',
          'user.username_taken',
          'user.password_length',
          'user.mobile_format',
          'user.mobile_taken',
          'user.allow_required',
          'user.passwords_differ',
          'sms.code_invalid',
          'sms.code_wrong',
        ],
      },
      schema: { tags: ['users'], summary: 'Registers an account (with its SMS code) and logs it in', body: Registration, response: { 201: Registered } },
    },
    async (request, reply) => reply.code(201).send(await users.register(request.body)),
  );

  app.post<{ Body: Credentials }>(
    '/authorizations/',
    {
      config: { errors: ['user.login_throttled', 'user.bad_credentials', 'user.disabled', 'user.captcha_required', 'captcha.expired', 'captcha.wrong', 'field_required'] },
      schema: {
        tags: ['users'],
        summary: 'Logs in by username or mobile; a cart cookie joins the account’s cart',
        description:
          'An address that keeps failing on an account many have failed on must add a captcha (`image_code_id` + `image_code`), refused with `user.captcha_required` until it does.',
        body: Credentials,
        response: { 200: Session },
      },
    },
    async (request, reply) => {
      const { username, password, image_code_id: imageCodeId, image_code: imageCode } = request.body;
      const session = await users.login(username, password, request.ip, captchaAnswer(imageCodeId, imageCode, 'image_code'));
      await mergeCart(request, reply, session.user_id);
      return session;
    },
  );

  app.get(
    '/user/',
    { preHandler: authenticate, schema: { tags: ['users'], summary: 'The logged-in user’s profile', response: { 200: Profile } } },
    async (request): Promise<Profile> => {
      const user = request.user!;
      return { id: user.id, username: user.username, mobile: user.mobile, email: user.email, email_active: user.emailActive };
    },
  );

  app.post<{ Body: HistoryEntry }>(
    '/browse_histories/',
    {
      preHandler: authenticate,
      config: { errors: ['history.sku_missing'] },
      schema: { tags: ['users'], summary: 'Records a SKU the user looked at', body: HistoryEntry, response: { 201: HistoryEntry } },
    },
    async (request, reply) => {
      await histories.record(request.user!.id, request.body.sku_id);
      return reply.code(201).send({ sku_id: request.body.sku_id });
    },
  );

  app.get(
    '/browse_histories/',
    { preHandler: authenticate, schema: { tags: ['users'], summary: 'The last 5 SKUs the user looked at', response: { 200: Type.Array(SkuBrief) } } },
    (request) => histories.list(request.user!.id),
  );
};
