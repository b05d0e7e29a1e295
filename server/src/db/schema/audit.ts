// The two audit columns every catalogue, content and order table carries (contract §11).
import { timestamp } from 'drizzle-orm/pg-core';

export const auditColumns = () => ({
  createTime: timestamp('create_time', { withTimezone: true }).notNull().defaultNow(),
  updateTime: timestamp('update_time', { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
});
