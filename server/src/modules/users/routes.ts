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

export const userRoutes: FastifyPluginAsync<{
  users: UserService;
  histories: BrowseHistoryService;
  authenticate: preHandlerAsyncHookHandler;
  mergeCart: CartMerger;
}> = async (app, { users, histories, authenticate, mergeCart }) => {
  app.get<{ Params: Static<typeof UsernameParams> }>(
    '/usernames/:username/count/',
    { schema: { params: UsernameParams, response: { 200: UsernameCount } } },
    async (request) => ({ username: request.params.username, count: await users.countByUsername(request.params.username) }),
  );

  app.get<{ Params: Static<typeof MobileParams> }>(
    '/mobiles/:mobile/count/',
    { schema: { params: MobileParams, response: { 200: MobileCount } } },
    async (request) => ({ mobile: request.params.mobile, count: await users.countByMobile(request.params.mobile) }),
  );

  app.post<{ Body: Registration }>(
    '/users/',
    { schema: { body: Registration, response: { 201: Registered } } },
    async (request, reply) => reply.code(201).send(await users.register(request.body)),
  );

  app.post<{ Body: Credentials }>(
    '/authorizations/',
    { schema: { body: Credentials, response: { 200: Session } } },
    async (request, reply) => {
      const session = await users.login(request.body.username, request.body.password, request.ip);
      await mergeCart(request, reply, session.user_id);
      return session;
    },
  );

  app.get('/user/', { preHandler: authenticate, schema: { response: { 200: Profile } } }, async (request): Promise<Profile> => {
    const user = request.user!;
    return { id: user.id, username: user.username, mobile: user.mobile, email: user.email, email_active: user.emailActive };
  });

  app.post<{ Body: HistoryEntry }>(
    '/browse_histories/',
    { preHandler: authenticate, schema: { body: HistoryEntry, response: { 201: HistoryEntry } } },
    async (request, reply) => {
      await histories.record(request.user!.id, request.body.sku_id);
      return reply.code(201).send({ sku_id: request.body.sku_id });
    },
  );

  app.get('/browse_histories/', { preHandler: authenticate, schema: { response: { 200: Type.Array(SkuBrief) } } }, (request) =>
    histories.list(request.user!.id),
  );
};
