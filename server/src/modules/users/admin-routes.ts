// The back office's HTTP of the users module: its login (contract §10.2) and users (§10.4).
// Shapes: @meiduo/contract/admin-users.
import { AdminCredentials, AdminPage, AdminSession, NewUser, UserListItem, UserListQuery } from '@meiduo/contract/admin-users';
import type { FastifyPluginAsync } from 'fastify';
import { actorOf } from '../../http/admin-auth.js';
import { adminList } from '../../http/pagination.js';
import type { AccountService } from './accounts.js';
import type { UserService } from './service.js';

export const adminUserRoutes: FastifyPluginAsync<{ users: UserService; accounts: AccountService }> = async (app, { users, accounts }) => {
  app.post<{ Body: AdminCredentials }>(
    '/meiduo_admin/authorizations/',
    {
      config: { adminLogin: true, errors: ['user.login_throttled', 'user.bad_credentials', 'user.captcha_required', 'field_required'] },
      schema: {
        tags: ['meiduo_admin'],
        summary: 'Logs a staff account into the back office',
        description: 'Only active staff accounts; the token is for `/meiduo_admin/` routes only and lives `ADMIN_TOKEN_HOURS`.',
        body: AdminCredentials,
        response: { 200: AdminSession },
      },
    },
    (request) => users.adminLogin(request.body.username, request.body.password, request.ip),
  );

  app.get<{ Querystring: UserListQuery }>(
    '/meiduo_admin/users/',
    {
      config: { permission: 'users.view_user' },
      schema: { tags: ['meiduo_admin'], summary: 'Lists the users; keyword in the username or a mobile\'s start (needs users.view_user)', querystring: UserListQuery, response: { 200: AdminPage(UserListItem) } },
    },
    adminList((at, query: UserListQuery) => accounts.listAccounts(at, { keyword: query.keyword })),
  );

  app.post<{ Body: NewUser }>(
    '/meiduo_admin/users/',
    {
      config: {
        permission: 'users.add_user',
        errors: ['user.username_length', 'user.username_chars', 'user.username_digits', 'user.username_taken', 'user.password_length', 'user.mobile_format', 'user.mobile_taken', 'email.format'],
      },
      schema: { tags: ['meiduo_admin'], summary: 'Creates a shopper account (needs users.add_user)', body: NewUser, response: { 201: UserListItem } },
    },
    async (request, reply) => reply.code(201).send(await accounts.addShopper(actorOf(request), request.body)),
  );
};
