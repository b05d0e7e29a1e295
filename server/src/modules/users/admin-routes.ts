// The back office's HTTP of the users module: its login (contract §10.2) and users (§10.4).
// Shapes: @meiduo/contract/admin-users.
import { AdminCredentials, AdminSession } from '@meiduo/contract/admin-users';
import type { FastifyPluginAsync } from 'fastify';
import type { UserService } from './service.js';

export const adminUserRoutes: FastifyPluginAsync<{ users: UserService }> = async (app, { users }) => {
  app.post<{ Body: AdminCredentials }>(
    '/meiduo_admin/authorizations/',
    {
      config: { errors: ['user.login_throttled', 'user.bad_credentials', 'user.captcha_required', 'field_required'] },
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
};
