// The back office's audit trail (beyond the contract, issue 18): every admin write, listed
// newest first with filters, in the admin page body (§10.1).
import { Type, type Static } from '@sinclair/typebox';
import { AdminPageQuery } from './admin-users.js';
import { Day } from './common.js';

const Id = Type.String({ pattern: '^[0-9]{1,9}$' });

export const AuditQuery = Type.Intersect([
  AdminPageQuery,
  Type.Object({
    /** The administrator's id. */
    user_id: Type.Optional(Id),
    /** e.g. sku, spu, order, user. */
    resource: Type.Optional(Type.String({ maxLength: 50 })),
    object_id: Type.Optional(Type.String({ maxLength: 64 })),
    /** The permission the write needed, e.g. goods.change_sku. */
    action: Type.Optional(Type.String({ maxLength: 100 })),
    /** Asia/Shanghai days, both included. */
    start: Type.Optional(Day),
    end: Type.Optional(Day),
  }),
]);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditItem = Type.Object({
  id: Type.Integer(),
  user_id: Type.Union([Type.Integer(), Type.Null()]),
  username: Type.String(),
  ip: Type.String(),
  action: Type.String(),
  resource: Type.String(),
  object_id: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  create_time: Type.String(),
});
export type AuditItem = Static<typeof AuditItem>;
