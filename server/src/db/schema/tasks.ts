// tb_scheduled_task: the delayed jobs of the in-process queue (embedded mode), so that a task
// due later (an order's timeout) survives a restart of the one-process mall. A row lives from
// the enqueue until the job has finished; BullMQ keeps its delayed jobs in Redis instead.
import { index, integer, jsonb, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';

export const scheduledTasks = pgTable(
  'tb_scheduled_task',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    name: varchar('name', { length: 100 }).notNull(),
    payload: jsonb('payload').notNull(),
    runAt: timestamp('run_at', { withTimezone: true }).notNull(),
    /** Total tries allowed, tries made so far, and the first retry's backoff in ms. */
    attempts: integer('attempts').notNull(),
    tries: integer('tries').notNull().default(0),
    backoff: integer('backoff').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('tb_scheduled_task_run_at_idx').on(table.runAt)],
);
