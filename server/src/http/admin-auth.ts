// The back office's guard, deny by default: every route under /meiduo_admin/ declares the
// permission it needs beside its schema (`config.permission`), and the app refuses to start if
// one does not (the login aside, `config.adminLogin`, and the administrator's own view of
// themselves, `config.anyStaff`). A request then needs an admin token (401),
// a staff account (403), and the permission: a superuser has all, other staff what their groups
// and own grants give (403).
import type { PermissionCode } from '@meiduo/contract/admin-permissions';
import type { FastifyInstance, FastifyRequest, RouteOptions, onRequestAsyncHookHandler } from 'fastify';
import { fail } from '../errors.js';
import type { Actor, AuthenticatedUser } from '../principal.js';
import { staffOf, type Tokens } from './auth.js';

export const ADMIN_PREFIX = '/meiduo_admin/';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission a back office route needs (deny by default: a route without one stops the start). */
    permission?: PermissionCode;
    /** The back office's login: the one route under the prefix open to anyone. */
    adminLogin?: true;
    /**
     * Any staff account, no permission: only GET /meiduo_admin/me/ (who am I, what may I do).
     * Every administrator must reach it, or the back office could not draw its menus; it tells
     * an account only about itself. No catalogue permission fits (each names a resource).
     */
    anyStaff?: true;
  }
}

export interface AdminGuardDeps {
  tokens: Tokens;
  loadUser: (id: number) => Promise<AuthenticatedUser | undefined>;
  /** The `app.codename` set an account's groups and own grants give it. */
  permissionsOf: (userId: number) => Promise<ReadonlySet<string>>;
}

const guards = new WeakSet<object>();

/** The check of one permission (none: staff is enough): on request, so nobody's body is parsed or validated before it. */
function guard(deps: AdminGuardDeps, permission: PermissionCode | undefined): onRequestAsyncHookHandler {
  const hook = async (request: FastifyRequest) => {
    const user = await staffOf(deps.tokens, deps.loadUser, request.headers.authorization);
    request.user = user;
    if (permission && !user.isSuperuser && !(await deps.permissionsOf(user.id)).has(permission)) throw fail('permission_denied');
  };
  guards.add(hook);
  return hook;
}

const hooksOf = (handlers: RouteOptions['onRequest']) => (handlers === undefined ? [] : Array.isArray(handlers) ? handlers : [handlers]);

/** A guarded route: what the permission matrix test walks. */
export interface AdminRoute {
  method: string;
  url: string;
  permission: PermissionCode;
}

const registries = new WeakMap<FastifyInstance, AdminRoute[]>();

/** The back office routes of an app and the permission each needs. */
export const adminRoutesOf = (app: FastifyInstance): readonly AdminRoute[] => registries.get(app) ?? [];

/** Before the back office's routes are registered: checks each as it is added and puts the guard in front. */
export function registerAdminGuard(app: FastifyInstance, deps: AdminGuardDeps): void {
  const registry: AdminRoute[] = [];
  registries.set(app, registry);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith(ADMIN_PREFIX) || route.config?.adminLogin) return;
    if (route.config?.anyStaff) {
      if (route.config.permission) throw new Error(`${route.url}: anyStaff and a permission exclude each other`);
      const existing = hooksOf(route.onRequest);
      if (!existing.some((hook) => guards.has(hook))) route.onRequest = [guard(deps, undefined), ...existing];
      return;
    }
    const permission = route.config?.permission;
    if (!permission) {
      const methods = Array.isArray(route.method) ? route.method.join(',') : route.method;
      throw new Error(`${methods} ${route.url} declares no permission: every back office route needs config.permission (deny by default)`);
    }
    const existing = hooksOf(route.onRequest);
    // A GET's automatic HEAD route arrives with the GET's options, guard included.
    if (existing.some((hook) => guards.has(hook))) return;
    route.onRequest = [guard(deps, permission), ...existing];
    for (const method of [route.method].flat()) registry.push({ method, url: route.url, permission });
  });
}

/** The administrator of a guarded request and the address it came from: who a write's audit entry names. */
export function actorOf(request: FastifyRequest): Actor {
  return { ...request.user!, ip: request.ip };
}
