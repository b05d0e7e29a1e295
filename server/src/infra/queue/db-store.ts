// The delayed-job store of the in-process queue over the database (tb_scheduled_task).
import { asc, eq } from 'drizzle-orm';
import { scheduledTasks } from '../../db/schema/tasks.js';
import type { Database } from '../db.js';
import type { DelayedJobStore, StoredJob } from './types.js';

export class DatabaseJobStore implements DelayedJobStore {
  constructor(private readonly db: Database) {}

  async add(job: Omit<StoredJob, 'id'>): Promise<number> {
    const [row] = await this.db.insert(scheduledTasks).values(job).returning({ id: scheduledTasks.id });
    return row!.id;
  }

  async retry(id: number, tries: number, runAt: Date): Promise<void> {
    await this.db.update(scheduledTasks).set({ tries, runAt }).where(eq(scheduledTasks.id, id));
  }

  async remove(id: number): Promise<void> {
    await this.db.delete(scheduledTasks).where(eq(scheduledTasks.id, id));
  }

  async has(id: number): Promise<boolean> {
    return (await this.db.select({ id: scheduledTasks.id }).from(scheduledTasks).where(eq(scheduledTasks.id, id))).length > 0;
  }

  async pending(): Promise<StoredJob[]> {
    return this.db
      .select({
        id: scheduledTasks.id,
        name: scheduledTasks.name,
        payload: scheduledTasks.payload,
        runAt: scheduledTasks.runAt,
        attempts: scheduledTasks.attempts,
        tries: scheduledTasks.tries,
        backoff: scheduledTasks.backoff,
      })
      .from(scheduledTasks)
      .orderBy(asc(scheduledTasks.runAt));
  }
}
