// The database seam on both drivers: PGlite always, PostgreSQL when DATABASE_URL is set.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { users } from '../db/schema/index.js';
import { readOutbox, startTestMall, type TestMall } from '../../test/harness.js';
import { uniqueMobile } from '../../test/fixtures.js';
import { Memo } from './cache/index.js';
import { transaction, uniqueViolation, type Tx } from './db.js';

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
    expect(row).toEqual({ n: 1 }); // the demo shopper of the seeded template
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

  describe('transaction()', () => {
    const named = (username: string) => mall.context.db.select().from(users).where(eq(users.username, username));

    /** A memo holding 'before', and a write that invalidates it and queues an SMS after commit. */
    async function setup(username: string) {
      const memo = await new Memo<string>(mall.context.cache, `tx-test-${username}`, { ttl: 60 }).listen();
      expect(await memo.get('k', async () => 'before')).toBe('before');
      const mobile = uniqueMobile();
      const write = async (tx: Tx) => {
        await tx.db.insert(users).values({ username, mobile, password: 'x' });
        tx.afterCommit(() => memo.invalidate('k'));
        tx.afterCommit(() => mall.context.queue.enqueue('send_sms_code', { mobile, code: '123456', minutes: 5 }));
      };
      const smsSent = async () => (await readOutbox(mall.outboxDir)).some((sms) => sms.mobile === mobile);
      return { memo, write, smsSent };
    }

    it('commits, then runs the after-commit actions', async () => {
      const { memo, write, smsSent } = await setup('tx_commit');
      await transaction(mall.context.db, async (tx) => {
        await write(tx);
        // Inside the transaction nothing has been published yet.
        expect(await memo.get('k', async () => 'during')).toBe('before');
      });
      expect(await named('tx_commit')).toHaveLength(1);
      expect(await memo.get('k', async () => 'after')).toBe('after');
      await expect.poll(smsSent, { timeout: 10_000 }).toBe(true);
    });

    it('leaves no row, no invalidation and no task behind when it rolls back', async () => {
      const { memo, write, smsSent } = await setup('tx_rollback');
      await expect(
        transaction(mall.context.db, async (tx) => {
          await write(tx);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await named('tx_rollback')).toEqual([]);
      expect(await memo.get('k', async () => 'after')).toBe('before');
      // A task enqueued now is delivered; had the rolled-back one been queued it would be first.
      const probe = uniqueMobile();
      await mall.context.queue.enqueue('send_sms_code', { mobile: probe, code: '654321', minutes: 5 });
      await expect.poll(async () => (await readOutbox(mall.outboxDir)).some((sms) => sms.mobile === probe), { timeout: 10_000 }).toBe(true);
      expect(await smsSent()).toBe(false);
    });

    it('answers a committed write though an after-commit action fails, and tries that action again', async () => {
      let tries = 0;
      const answer = await transaction(mall.context.db, async (tx) => {
        await tx.db.insert(users).values({ username: 'tx_after_failed', mobile: uniqueMobile(), password: 'x' });
        tx.afterCommit(() => {
          tries += 1;
          if (tries === 1) throw new Error('Connection is closed.');
        });
        return 'committed';
      });
      expect(answer).toBe('committed');
      expect(await named('tx_after_failed')).toHaveLength(1);
      await vi.waitFor(() => expect(tries).toBe(2), { timeout: 10_000, interval: 50 });
    });

    it('joins an outer transaction: one commit, one rollback for both', async () => {
      const { memo, write } = await setup('tx_inner');
      await expect(
        transaction(mall.context.db, async (outer) => {
          await transaction(mall.context.db, write, outer);
          await outer.db.insert(users).values({ username: 'tx_outer', mobile: uniqueMobile(), password: 'x' });
          throw new Error('abort outer');
        }),
      ).rejects.toThrow('abort outer');
      expect([...(await named('tx_inner')), ...(await named('tx_outer'))]).toEqual([]);
      expect(await memo.get('k', async () => 'after')).toBe('before');
    });
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
