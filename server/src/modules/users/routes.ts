// HTTP of the users module: contract §3.1–§3.5.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync, preHandlerAsyncHookHandler } from 'fastify';
import { MOBILE_PATTERN, USERNAME_URL_PATTERN } from './rules.js';
import { SkuBrief } from '../goods/routes.js';
import type { BrowseHistoryService } from './history.js';
import type { UserService } from './service.js';

// Lengths here only bound the input; the contract's own rules and messages live in the service.
const text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

const RegisterBody = Type.Object({
  username: text(150),
  password: text(128),
  password2: text(128),
  mobile: text(32),
  sms_code: text(32),
  allow: text(16),
});
const LoginBody = Type.Object({ username: text(150), password: text(128) });

const UsernameCount = Type.Object({ username: Type.String(), count: Type.Integer() });
const MobileCount = Type.Object({ mobile: Type.String(), count: Type.Integer() });
const Registered = Type.Object({ id: Type.Integer(), username: Type.String(), mobile: Type.String(), token: Type.String() });
const Session = Type.Object({ token: Type.String(), user_id: Type.Integer(), username: Type.String() });
const Profile = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  mobile: Type.String(),
  email: Type.String(),
  email_active: Type.Boolean(),
});

const HistoryBody = Type.Object({ sku_id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

export const userRoutes: FastifyPluginAsync<{
  users: UserService;
  histories: BrowseHistoryService;
  authenticate: preHandlerAsyncHookHandler;
}> = async (app, { users, histories, authenticate }) => {
  app.get<{ Params: { username: string } }>(
    '/usernames/:username/count/',
    {
      schema: {
        params: Type.Object({ username: Type.String({ pattern: USERNAME_URL_PATTERN }) }),
        response: { 200: UsernameCount },
      },
    },
    async (request) => ({ username: request.params.username, count: await users.countByUsername(request.params.username) }),
  );

  app.get<{ Params: { mobile: string } }>(
    '/mobiles/:mobile/count/',
    {
      schema: {
        params: Type.Object({ mobile: Type.String({ pattern: MOBILE_PATTERN }) }),
        response: { 200: MobileCount },
      },
    },
    async (request) => ({ mobile: request.params.mobile, count: await users.countByMobile(request.params.mobile) }),
  );

  app.post<{ Body: typeof RegisterBody.static }>(
    '/users/',
    { schema: { body: RegisterBody, response: { 201: Registered } } },
    async (request, reply) => reply.code(201).send(await users.register(request.body)),
  );

  app.post<{ Body: typeof LoginBody.static }>(
    '/authorizations/',
    { schema: { body: LoginBody, response: { 200: Session } } },
    async (request) => users.login(request.body.username, request.body.password),
  );

  app.get('/user/', { preHandler: authenticate, schema: { response: { 200: Profile } } }, async (request) => {
    const user = request.user!;
    return { id: user.id, username: user.username, mobile: user.mobile, email: user.email, email_active: user.emailActive };
  });

  app.post<{ Body: typeof HistoryBody.static }>(
    '/browse_histories/',
    { preHandler: authenticate, schema: { body: HistoryBody, response: { 201: HistoryBody } } },
    async (request, reply) => {
      await histories.record(request.user!.id, request.body.sku_id);
      return reply.code(201).send({ sku_id: request.body.sku_id });
    },
  );

  app.get('/browse_histories/', { preHandler: authenticate, schema: { response: { 200: Type.Array(SkuBrief) } } }, (request) =>
    histories.list(request.user!.id),
  );
};
