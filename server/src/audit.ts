// The back office's audit trail: every admin write records who made it, from which address,
// what it needed, which object, and the object before and after, in the write's own
// transaction (a write that rolls back leaves no entry; an entry never outlives its write).
// The table is append-only (a trigger refuses UPDATE, DELETE, TRUNCATE).
import { addDays, shanghaiMidnight } from '@meiduo/contract/calendar';
import type { AuditItem, AuditQuery } from '@meiduo/contract/admin-audit';
import type { PermissionCode } from '@meiduo/contract/admin-permissions';
import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Context } from './context.js';
import { auditTrail } from './db/schema/index.js';
import type { Tx } from './infra/db.js';
import type { PageRequest } from './paging.js';
import type { Actor } from './principal.js';

export interface AuditEntry {
  action: PermissionCode;
  resource: string;
  objectId: string | number;
  /** The object as it was (absent for a create) and as it is (absent for a delete): plain JSON. */
  before?: unknown;
  after?: unknown;
}

export class AuditTrail {
  constructor(private readonly context: Pick<Context, 'db'>) {}

  /** Records one write, in the write's transaction. */
  async record(tx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
    await tx.db.insert(auditTrail).values({
      userId: actor.id,
      username: actor.username,
      ip: actor.ip,
      action: entry.action,
      resource: entry.resource,
      objectId: String(entry.objectId),
      before: entry.before ?? null,
      after: entry.after ?? null,
    });
  }

  async list(at: PageRequest, query: AuditQuery): Promise<{ count: number; rows: AuditItem[] }> {
    const filters: SQL[] = [];
    if (query.user_id) filters.push(eq(auditTrail.userId, Number(query.user_id)));
    if (query.resource) filters.push(eq(auditTrail.resource, query.resource));
    if (query.object_id) filters.push(eq(auditTrail.objectId, query.object_id));
    if (query.action) filters.push(eq(auditTrail.action, query.action));
    if (query.start) filters.push(gte(auditTrail.createTime, shanghaiMidnight(query.start)));
    if (query.end) filters.push(lt(auditTrail.createTime, shanghaiMidnight(addDays(query.end, 1))));
    const where = filters.length ? and(...filters) : undefined;
    const [[total], rows] = await Promise.all([
      this.context.db.select({ count: count() }).from(auditTrail).where(where),
      this.context.db.select().from(auditTrail).where(where).orderBy(desc(auditTrail.id)).limit(at.size).offset(at.offset),
    ]);
    return {
      count: total!.count,
      rows: rows.map((row) => ({
        id: row.id,
        user_id: row.userId,
        username: row.username,
        ip: row.ip,
        action: row.action,
        resource: row.resource,
        object_id: row.objectId,
        before: row.before,
        after: row.after,
        create_time: row.createTime.toISOString(),
      })),
    };
  }
}
