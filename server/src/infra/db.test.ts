// The database seam on both drivers: PGlite always, PostgreSQL when DATABASE_URL is set.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../db/schema/index.js';
import { startTestMall, type TestMall } from '../../test/harness.js';
import { uniqueViolation } from './db.js';

describe('database seam', () => {
  let mall: TestMall;
  beforeAll(async () => {
    mall = await startTestMall();
  });
  afterAll(() => mall.close());

  const row = (n: number) => ({ username: `seam_user_${n}`, mobile: `1390000000${n}`, password: 'x' });

  it('runs the migrations idempotently', async () => {
    await mall.context.database.migrate();
    const [row] = await mall.context.db.select({ n: sql<number>`count(*)::int` }).from(users);
    expect(row).toEqual({ n: 0 });
  });

  it('rolls a transaction back as a whole', async () => {
    const { db } = mall.context;
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(users).values(row(1));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await db.select().from(users).where(eq(users.username, 'seam_user_1'))).toEqual([]);
  });

  it('reports a unique violation with the constraint name', async () => {
    const { db } = mall.context;
    await db.insert(users).values(row(2));
    const error = await db.insert(users).values({ ...row(2), username: 'other_name' }).catch((e: unknown) => e);
    expect(uniqueViolation(error)).toBe('tb_users_mobile_unique');
    expect(uniqueViolation(new Error('plain'))).toBeUndefined();
  });

  it(`uses the ${process.env.DATABASE_URL ? 'postgres' : 'pglite'} driver in this mode`, () => {
    expect(mall.context.database.driver).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
  });
});
