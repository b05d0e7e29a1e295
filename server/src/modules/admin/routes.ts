// The back office's permissions, groups and administrators (contract §10.12): they manage
// exactly the data the guard (http/admin-auth.ts) enforces. Shapes: @meiduo/contract/admin-permissions.
import {
  AdminInput,
  AdminMe,
  AdminItem,
  GroupInput,
  GroupItem,
  IdParams,
  Named,
  PermissionInput,
  PERMISSION_CATALOGUE,
  PermissionItem,
  type PermissionCode,
} from '@meiduo/contract/admin-permissions';
import { AdminPage, AdminPageQuery } from '@meiduo/contract/admin-users';
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { actorOf } from '../../http/admin-auth.js';
import { adminList } from '../../http/pagination.js';
import { AuditItem, AuditQuery } from '@meiduo/contract/admin-audit';
import type { AdminService } from './admins.js';
import type { AuditTrail } from '../../audit.js';
import type { PermissionService } from './permissions.js';

const TAGS = ['meiduo_admin'];
const route = (permission: PermissionCode, summary: string, schema: Record<string, TSchema | Record<number, TSchema>> = {}) => ({
  config: { permission },
  schema: { tags: TAGS, summary: `${summary} (needs ${permission})`, ...schema },
});
const NO_CONTENT = { 204: Type.Null() };
const PERMISSION_WRITE = (permission: PermissionCode) => ({ permission, errors: ['admin.permission_taken', 'admin.permission_builtin', 'admin.unknown_ids'] as const });

export const adminPermissionRoutes: FastifyPluginAsync<{ permissions: PermissionService; admins: AdminService; audit: AuditTrail }> = async (app, { permissions, admins, audit }) => {
  app.get(
    '/meiduo_admin/me/',
    {
      // The guard's one exception besides the login (http/admin-auth.ts): every staff account may ask.
      config: { anyStaff: true },
      schema: { tags: TAGS, summary: 'The administrator the token names and the permissions they have (any staff account)', response: { 200: AdminMe } },
    },
    async (request): Promise<AdminMe> => {
      const user = request.user!;
      const granted = user.isSuperuser ? PERMISSION_CATALOGUE.map((permission) => permission.code) : [...(await permissions.permissionsOf(user.id))];
      return { id: user.id, username: user.username, is_superuser: user.isSuperuser, permissions: granted.sort() };
    },
  );

  app.get<{ Querystring: AuditQuery }>(
    '/meiduo_admin/audit/',
    route('admin.view_logentry', 'Lists the back office’s writes, newest first: who, from where, what, before and after', {
      querystring: AuditQuery,
      response: { 200: AdminPage(AuditItem) },
    }),
    adminList((at, query: AuditQuery) => audit.list(at, query)),
  );

  app.get<{ Querystring: AdminPageQuery }>(
    '/meiduo_admin/permission/perms/',
    route('auth.view_permission', 'Lists the permissions', { querystring: AdminPageQuery, response: { 200: AdminPage(PermissionItem) } }),
    adminList((at) => permissions.listPermissions(at)),
  );
  app.post<{ Body: PermissionInput }>(
    '/meiduo_admin/permission/perms/',
    { ...route('auth.add_permission', 'Creates a permission', { body: PermissionInput, response: { 201: PermissionItem } }), config: PERMISSION_WRITE('auth.add_permission') },
    async (request, reply) => reply.code(201).send(await permissions.savePermission(actorOf(request), undefined, request.body)),
  );
  app.get<{ Params: IdParams }>('/meiduo_admin/permission/perms/:id/', route('auth.view_permission', 'One permission', { params: IdParams, response: { 200: PermissionItem } }), (request) =>
    permissions.getPermission(Number(request.params.id)),
  );
  app.put<{ Params: IdParams; Body: PermissionInput }>(
    '/meiduo_admin/permission/perms/:id/',
    {
      ...route('auth.change_permission', 'Replaces a permission of the operator’s own (the catalogue’s are code)', { params: IdParams, body: PermissionInput, response: { 200: PermissionItem } }),
      config: PERMISSION_WRITE('auth.change_permission'),
    },
    (request) => permissions.savePermission(actorOf(request), Number(request.params.id), request.body),
  );
  app.delete<{ Params: IdParams }>(
    '/meiduo_admin/permission/perms/:id/',
    { ...route('auth.delete_permission', 'Deletes a permission of the operator’s own', { params: IdParams, response: NO_CONTENT }), config: { permission: 'auth.delete_permission', errors: ['admin.permission_builtin'] } },
    async (request, reply) => {
      await permissions.deletePermission(actorOf(request), Number(request.params.id));
      return reply.code(204).send();
    },
  );
  app.get('/meiduo_admin/permission/content_types/', route('contenttypes.view_contenttype', 'Lists the content types', { response: { 200: Type.Array(Named) } }), () =>
    permissions.contentTypes(),
  );
  app.get('/meiduo_admin/permission/simple/', route('auth.view_permission', 'Every permission, for the forms', { response: { 200: Type.Array(Named) } }), () =>
    permissions.simplePermissions(),
  );

  app.get('/meiduo_admin/permission/groups/simple/', route('auth.view_group', 'Every group, for the forms', { response: { 200: Type.Array(Named) } }), () =>
    permissions.simpleGroups(),
  );
  app.get<{ Querystring: AdminPageQuery }>(
    '/meiduo_admin/permission/groups/',
    route('auth.view_group', 'Lists the groups', { querystring: AdminPageQuery, response: { 200: AdminPage(GroupItem) } }),
    adminList((at) => permissions.listGroups(at)),
  );
  app.post<{ Body: GroupInput }>('/meiduo_admin/permission/groups/', route('auth.add_group', 'Creates a group', { body: GroupInput, response: { 201: GroupItem } }), async (request, reply) =>
    reply.code(201).send(await permissions.saveGroup(actorOf(request), undefined, request.body)),
  );
  app.get<{ Params: IdParams }>('/meiduo_admin/permission/groups/:id/', route('auth.view_group', 'One group', { params: IdParams, response: { 200: GroupItem } }), (request) =>
    permissions.getGroup(Number(request.params.id)),
  );
  app.put<{ Params: IdParams; Body: GroupInput }>(
    '/meiduo_admin/permission/groups/:id/',
    route('auth.change_group', 'Replaces a group’s name and permissions', { params: IdParams, body: GroupInput, response: { 200: GroupItem } }),
    (request) => permissions.saveGroup(actorOf(request), Number(request.params.id), request.body),
  );
  app.delete<{ Params: IdParams }>('/meiduo_admin/permission/groups/:id/', route('auth.delete_group', 'Deletes a group', { params: IdParams, response: NO_CONTENT }), async (request, reply) => {
    await permissions.deleteGroup(actorOf(request), Number(request.params.id));
    return reply.code(204).send();
  });

  app.get<{ Querystring: AdminPageQuery }>(
    '/meiduo_admin/permission/admins/',
    route('users.view_user', 'Lists the administrators', { querystring: AdminPageQuery, response: { 200: AdminPage(AdminItem) } }),
    adminList((at) => admins.list(at)),
  );
  app.post<{ Body: AdminInput }>(
    '/meiduo_admin/permission/admins/',
    route('users.add_user', 'Creates an administrator', { body: AdminInput, response: { 201: AdminItem } }),
    async (request, reply) => reply.code(201).send(await admins.create(actorOf(request), request.body)),
  );
  app.get<{ Params: IdParams }>('/meiduo_admin/permission/admins/:id/', route('users.view_user', 'One administrator', { params: IdParams, response: { 200: AdminItem } }), (request) =>
    admins.get(Number(request.params.id)),
  );
  app.put<{ Params: IdParams; Body: AdminInput }>(
    '/meiduo_admin/permission/admins/:id/',
    route('users.change_user', 'Edits an administrator (a password absent or blank stays)', { params: IdParams, body: AdminInput, response: { 200: AdminItem } }),
    (request) => admins.update(actorOf(request), Number(request.params.id), request.body),
  );
  app.delete<{ Params: IdParams }>(
    '/meiduo_admin/permission/admins/:id/',
    route('users.delete_user', 'Withdraws staff status and every grant (the account stays)', { params: IdParams, response: NO_CONTENT }),
    async (request, reply) => {
      await admins.remove(actorOf(request), Number(request.params.id));
      return reply.code(204).send();
    },
  );
};
