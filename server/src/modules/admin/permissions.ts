// Groups and permissions (contract §10.12, §11.6): the data the back office's guard enforces.
// The catalogue of permissions is code (@meiduo/contract/admin-permissions), written as rows
// (idempotent) before the first read, so that routes, grants and the screens name the same
// things; not at start, which must succeed with the database down (the API answers 503 then).
import {
  PERMISSION_CATALOGUE,
  RESOURCES,
  type GroupInput,
  type GroupItem,
  type Named,
  type PermissionInput,
  type PermissionItem,
} from '@meiduo/contract/admin-permissions';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Context } from '../../context.js';
import { contentTypes, groupPermissions, groups, permissions, userGroups, userPermissions } from '../../db/schema/permissions.js';
import { fail, FieldErrors } from '../../errors.js';
import { Memo } from '../../infra/cache/index.js';
import { transaction, uniqueViolation, type Tx } from '../../infra/db.js';
import type { PageRequest } from '../../paging.js';
import type { AuditTrail } from '../../audit.js';
import type { Actor, AuthenticatedUser } from '../../principal.js';

const PERMISSION_ITEM = { id: permissions.id, name: permissions.name, codename: permissions.codename, content_type: permissions.contentTypeId };

/** The permissions an account holds: its own grants and its groups'. */
const heldBy = (userId: number) =>
  sql`${permissions.id} IN (SELECT ${userPermissions.permissionId} FROM ${userPermissions} WHERE ${userPermissions.userId} = ${userId})
    OR ${permissions.id} IN (SELECT ${groupPermissions.permissionId} FROM ${groupPermissions} JOIN ${userGroups} ON ${userGroups.groupId} = ${groupPermissions.groupId} WHERE ${userGroups.userId} = ${userId})`;

export interface Grants {
  groups: number[];
  user_permissions: number[];
}

export class PermissionService {
  /** Each staff account's `app.codename` set: read on every admin request, dropped on every change. */
  private readonly effective: Memo<ReadonlySet<string>>;

  private constructor(
    private readonly context: Pick<Context, 'db' | 'cache'>,
    private readonly audit: AuditTrail,
  ) {
    this.effective = new Memo(context.cache, 'admin-permissions', { ttl: 60 });
  }

  /** Settles once the catalogue's rows are written; a failure is retried by the next read. */
  private catalogue?: Promise<void>;

  static async create(context: Pick<Context, 'db' | 'cache'>, audit: AuditTrail): Promise<PermissionService> {
    const service = new PermissionService(context, audit);
    await service.effective.listen();
    return service;
  }

  /** The database, once the catalogue's rows are in it. */
  private async db() {
    this.catalogue ??= this.writeCatalogue().catch((error: unknown) => {
      this.catalogue = undefined;
      throw error;
    });
    await this.catalogue;
    return this.context.db;
  }

  /** The catalogue's content types and permissions as rows; existing rows are left as they are. */
  private async writeCatalogue(): Promise<void> {
    const { db } = this.context;
    await db
      .insert(contentTypes)
      .values(RESOURCES.map((r) => ({ appLabel: r.app, model: r.model, name: r.name })))
      .onConflictDoNothing();
    const types = await db.select().from(contentTypes);
    const typeId = new Map(types.map((t) => [`${t.appLabel}.${t.model}`, t.id]));
    await db
      .insert(permissions)
      .values(PERMISSION_CATALOGUE.map((p) => ({ name: p.name, codename: p.codename, contentTypeId: typeId.get(`${p.app}.${p.model}`)! })))
      .onConflictDoNothing();
  }

  async permissionsOf(userId: number): Promise<ReadonlySet<string>> {
    return this.effective.get(String(userId), async () => {
      const rows = await (await this.db())
        .select({ app: contentTypes.appLabel, codename: permissions.codename })
        .from(permissions)
        .innerJoin(contentTypes, eq(contentTypes.id, permissions.contentTypeId))
        .where(heldBy(userId));
      return new Set(rows.map((row) => `${row.app}.${row.codename}`));
    });
  }

  async listPermissions(at: PageRequest): Promise<{ count: number; rows: PermissionItem[] }> {
    const db = await this.db();
    const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(permissions);
    const rows = await db
      .select(PERMISSION_ITEM)
      .from(permissions)
      .orderBy(asc(permissions.id))
      .limit(at.size)
      .offset(at.offset);
    return { count: total?.n ?? 0, rows };
  }

  async getPermission(id: number): Promise<PermissionItem> {
    const [row] = await (await this.db()).select(PERMISSION_ITEM).from(permissions).where(eq(permissions.id, id));
    if (!row) throw fail('not_found');
    return row;
  }

  /**
   * Creates (id undefined) or replaces a permission of the operator's own. The catalogue's are
   * code: every admin route names one, so they are neither edited nor deleted here.
   */
  async savePermission(actor: Actor, id: number | undefined, input: PermissionInput): Promise<PermissionItem> {
    const before = id === undefined ? undefined : await this.getPermission(id);
    if (id !== undefined) await this.assertNotBuiltin(id);
    const name = input.name.trim();
    const codename = input.codename.trim();
    const [type] = await (await this.db()).select().from(contentTypes).where(eq(contentTypes.id, input.content_type));
    new FieldErrors()
      .add(name ? undefined : 'field_blank', 'name')
      .add(codename ? undefined : 'field_blank', 'codename')
      .add(type ? undefined : 'admin.unknown_ids', 'content_type')
      .throwIfAny();
    if (PERMISSION_CATALOGUE.some((p) => p.app === type!.appLabel && p.codename === codename)) throw fail('admin.permission_taken');
    const values = { name, codename, contentTypeId: input.content_type };
    return transaction(await this.db(), async (tx) => {
      const write =
        id === undefined
          ? tx.db.insert(permissions).values(values).returning(PERMISSION_ITEM)
          : tx.db.update(permissions).set(values).where(eq(permissions.id, id)).returning(PERMISSION_ITEM);
      const [row] = await write.catch((error: unknown) => {
        if (uniqueViolation(error) === undefined) throw error;
        throw fail('admin.permission_taken');
      });
      if (!row) throw fail('not_found');
      await this.audit.record(tx, actor, { action: id === undefined ? 'auth.add_permission' : 'auth.change_permission', resource: 'permission', objectId: row.id, before, after: row });
      tx.afterCommit(() => this.effective.invalidateAll());
      return row;
    });
  }

  async deletePermission(actor: Actor, id: number): Promise<void> {
    const before = await this.getPermission(id);
    await this.assertNotBuiltin(id);
    await transaction(await this.db(), async (tx) => {
      const deleted = await tx.db.delete(permissions).where(eq(permissions.id, id)).returning({ id: permissions.id });
      if (!deleted.length) throw fail('not_found');
      await this.audit.record(tx, actor, { action: 'auth.delete_permission', resource: 'permission', objectId: id, before });
      tx.afterCommit(() => this.effective.invalidateAll());
    });
  }

  private async assertNotBuiltin(id: number): Promise<void> {
    const [row] = await (await this.db())
      .select({ app: contentTypes.appLabel, codename: permissions.codename })
      .from(permissions)
      .innerJoin(contentTypes, eq(contentTypes.id, permissions.contentTypeId))
      .where(eq(permissions.id, id));
    if (!row) throw fail('not_found');
    if (PERMISSION_CATALOGUE.some((p) => p.app === row.app && p.codename === row.codename)) throw fail('admin.permission_builtin');
  }

  /** Every permission, for the group and administrator forms. */
  async simplePermissions(): Promise<Named[]> {
    return (await this.db()).select({ id: permissions.id, name: permissions.name }).from(permissions).orderBy(asc(permissions.id));
  }

  async contentTypes(): Promise<Named[]> {
    return (await this.db()).select({ id: contentTypes.id, name: contentTypes.name }).from(contentTypes).orderBy(asc(contentTypes.id));
  }

  async simpleGroups(): Promise<Named[]> {
    return (await this.db()).select({ id: groups.id, name: groups.name }).from(groups).orderBy(asc(groups.id));
  }

  async listGroups(at: PageRequest): Promise<{ count: number; rows: GroupItem[] }> {
    const db = await this.db();
    const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(groups);
    const rows = await db.select().from(groups).orderBy(asc(groups.id)).limit(at.size).offset(at.offset);
    return { count: total?.n ?? 0, rows: await this.withPermissions(rows) };
  }

  async getGroup(id: number): Promise<GroupItem> {
    const [row] = await (await this.db()).select().from(groups).where(eq(groups.id, id));
    if (!row) throw fail('not_found');
    const [item] = await this.withPermissions([row]);
    return item!;
  }

  private async withPermissions(rows: { id: number; name: string }[]): Promise<GroupItem[]> {
    if (!rows.length) return [];
    const links = await (await this.db())
      .select()
      .from(groupPermissions)
      .where(inArray(groupPermissions.groupId, rows.map((row) => row.id)))
      .orderBy(asc(groupPermissions.permissionId));
    return rows.map((row) => ({ id: row.id, name: row.name, permissions: links.filter((link) => link.groupId === row.id).map((link) => link.permissionId) }));
  }

  /** Creates (id undefined) or replaces a group; its members' permissions change at once. */
  async saveGroup(actor: Actor, id: number | undefined, input: GroupInput): Promise<GroupItem> {
    const name = input.name.trim();
    const wanted = [...new Set(input.permissions ?? [])];
    const invalid = new FieldErrors().add(name ? undefined : 'field_blank', 'name');
    invalid.add((await this.allExist(permissions, wanted)) ? undefined : 'admin.unknown_ids', 'permissions');
    invalid.throwIfAny();
    const before = id === undefined ? undefined : await this.getGroup(id);
    await this.assertGrantable(actor, { permissions: wanted.filter((p) => !before?.permissions.includes(p)), groups: [] });
    const saved = await transaction(await this.db(), async (tx) => {
      const write = id === undefined ? tx.db.insert(groups).values({ name }).returning() : tx.db.update(groups).set({ name }).where(eq(groups.id, id)).returning();
      const [row] = await write.catch((error: unknown) => {
        if (uniqueViolation(error) === undefined) throw error;
        throw fail('admin.group_name_taken');
      });
      if (!row) throw fail('not_found');
      await tx.db.delete(groupPermissions).where(eq(groupPermissions.groupId, row.id));
      if (wanted.length) await tx.db.insert(groupPermissions).values(wanted.map((permissionId) => ({ groupId: row.id, permissionId })));
      const after = { id: row.id, name: row.name, permissions: [...wanted].sort((a, b) => a - b) };
      await this.audit.record(tx, actor, { action: id === undefined ? 'auth.add_group' : 'auth.change_group', resource: 'group', objectId: row.id, before, after });
      tx.afterCommit(() => this.effective.invalidateAll());
      return row;
    });
    return this.getGroup(saved.id);
  }

  async deleteGroup(actor: Actor, id: number): Promise<void> {
    const before = await this.getGroup(id);
    await transaction(await this.db(), async (tx) => {
      const deleted = await tx.db.delete(groups).where(eq(groups.id, id)).returning({ id: groups.id });
      if (!deleted.length) throw fail('not_found');
      await this.audit.record(tx, actor, { action: 'auth.delete_group', resource: 'group', objectId: id, before });
      tx.afterCommit(() => this.effective.invalidateAll());
    });
  }

  private async allExist(table: typeof permissions | typeof groups, ids: number[]): Promise<boolean> {
    if (!ids.length) return true;
    const [row] = await (await this.db()).select({ n: sql<number>`count(*)::int` }).from(table).where(inArray(table.id, ids));
    return row?.n === ids.length;
  }

  /** The groups and own permissions of these accounts. */
  async grantsOf(userIds: number[]): Promise<Map<number, Grants>> {
    const grants = new Map(userIds.map((id) => [id, { groups: [] as number[], user_permissions: [] as number[] }]));
    if (!userIds.length) return grants;
    const db = await this.db();
    const [memberships, own] = await Promise.all([
      db.select().from(userGroups).where(inArray(userGroups.userId, userIds)).orderBy(asc(userGroups.groupId)),
      db.select().from(userPermissions).where(inArray(userPermissions.userId, userIds)).orderBy(asc(userPermissions.permissionId)),
    ]);
    for (const link of memberships) grants.get(link.userId)?.groups.push(link.groupId);
    for (const link of own) grants.get(link.userId)?.user_permissions.push(link.permissionId);
    return grants;
  }

  /**
   * Staff who are not superusers give only what they hold themselves: a permission, or a group
   * whose permissions they all hold (403 otherwise), so that nobody raises themselves or a
   * friend above their own rights. What a grant already had may stay.
   */
  async assertGrantable(actor: AuthenticatedUser, added: { permissions: number[]; groups: number[] }): Promise<void> {
    if (actor.isSuperuser || (!added.permissions.length && !added.groups.length)) return;
    const db = await this.db();
    const [held, viaGroups] = await Promise.all([
      db
        .select({ id: permissions.id })
        .from(permissions)
        .where(heldBy(actor.id)),
      added.groups.length ? db.select({ id: groupPermissions.permissionId }).from(groupPermissions).where(inArray(groupPermissions.groupId, added.groups)) : [],
    ]);
    const holds = new Set(held.map((row) => row.id));
    if ([...added.permissions, ...viaGroups.map((row) => row.id)].some((id) => !holds.has(id))) throw fail('permission_denied');
  }

  /** E1 for ids that name no group or permission: before the account is written. */
  async checkGrants(grants: Partial<Grants>): Promise<void> {
    new FieldErrors()
      .add((await this.allExist(groups, grants.groups ?? [])) ? undefined : 'admin.unknown_ids', 'groups')
      .add((await this.allExist(permissions, grants.user_permissions ?? [])) ? undefined : 'admin.unknown_ids', 'user_permissions')
      .throwIfAny();
  }

  /** Replaces an account's groups and own permissions (those given); effective at once. */
  async setGrants(userId: number, grants: Partial<Grants>, outer?: Tx): Promise<void> {
    await transaction(
      // The ids were checked (checkGrants); inside a caller's transaction no other query may run.
      this.context.db,
      async (tx) => {
        if (grants.groups) {
          await tx.db.delete(userGroups).where(eq(userGroups.userId, userId));
          const ids = [...new Set(grants.groups)];
          if (ids.length) await tx.db.insert(userGroups).values(ids.map((groupId) => ({ userId, groupId })));
        }
        if (grants.user_permissions) {
          await tx.db.delete(userPermissions).where(eq(userPermissions.userId, userId));
          const ids = [...new Set(grants.user_permissions)];
          if (ids.length) await tx.db.insert(userPermissions).values(ids.map((permissionId) => ({ userId, permissionId })));
        }
        tx.afterCommit(() => this.effective.invalidate(String(userId)));
      },
      outer,
    );
  }

  /** The ids of catalogue permissions by code (`users.view_user`): for seeding and tests' fixtures. */
  async idsOf(codes: string[]): Promise<number[]> {
    if (!codes.length) return [];
    const rows = await (await this.db())
      .select({ id: permissions.id, app: contentTypes.appLabel, codename: permissions.codename })
      .from(permissions)
      .innerJoin(contentTypes, eq(contentTypes.id, permissions.contentTypeId))
      .where(and(inArray(contentTypes.appLabel, codes.map((code) => code.split('.')[0]!)), inArray(permissions.codename, codes.map((code) => code.split('.')[1]!))));
    return rows.filter((row) => codes.includes(`${row.app}.${row.codename}`)).map((row) => row.id);
  }
}
