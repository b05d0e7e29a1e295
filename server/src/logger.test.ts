// An error line keeps what failed (the error's type, the query text, PostgreSQL's code and
// constraint) and never the values: SQL parameters (users' names, addresses, mobiles), the row
// values PostgreSQL echoes in `detail` and `where`, or a refused value quoted in its message.
// The errors are real ones, from the test mall's database.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMall, type TestMall } from '../test/harness.js';
import { registerUser } from '../test/fixtures.js';
import { addresses, users } from './db/schema/index.js';
import { createLogger } from './logger.js';

let mall: TestMall;
beforeAll(async () => {
  mall = await startTestMall();
});
afterAll(() => mall.close());

/** Logs the error as the API's error handler does, and answers the written line. */
function errorLine(error: unknown): Record<string, any> {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  // The pino stream writes synchronously, so the line is there when the call returns.
  createLogger({ env: 'test', logLevel: 'info' }, stream).error({ err: error }, 'unhandled error');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!);
}

const failure = (query: PromiseLike<unknown>) => Promise.resolve(query).then(() => expect.fail('the query should fail'), (error: unknown) => error);

describe('error lines', () => {
  it('drop the parameters of a failed insert and the row PostgreSQL echoes', async () => {
    const error = await failure(
      mall.context.db.insert(addresses).values({
        userId: 2_147_483_000,
        title: '公司',
        receiver: '欧阳娜娜',
        provinceId: 440000,
        cityId: 440100,
        districtId: 440106,
        place: '珠江新城花城大道 88 号',
        mobile: '13912345678',
      }),
    );
    // The values are really there to leak: in the error, its message and its cause.
    expect(JSON.stringify({ message: (error as Error).message, params: (error as { params: unknown }).params })).toMatch(/欧阳娜娜/);
    const line = errorLine(error);
    expect(JSON.stringify(line)).not.toMatch(/欧阳娜娜|珠江新城|13912345678|2147483000/);
    expect(line.err).toMatchObject({ type: 'DrizzleQueryError', query: expect.stringContaining('insert into "tb_address"') });
    expect(line.err.message).toMatch(/^Failed query: insert into "tb_address"/);
    expect(line.err.stack).toMatch(/^DrizzleQueryError: Failed query: .*\n {4}at /);
    expect(line.err.cause).toMatchObject({ code: '23503', constraint: expect.stringContaining('user_id') });
  });

  it('drop the name in a unique violation’s detail', async () => {
    const taken = await registerUser(mall, { username: `taken_${randomBytes(3).toString('hex')}` });
    const error = await failure(mall.context.db.insert(users).values({ username: taken.username, password: 'x', mobile: '13700000001' }));
    const line = errorLine(error);
    expect(JSON.stringify(line)).not.toContain(taken.username);
    expect(JSON.stringify(line)).not.toContain('13700000001');
    expect(line.err.cause).toMatchObject({ code: '23505', constraint: 'tb_users_username_unique' });
  });

  it('drop a refused value that PostgreSQL quotes in its message', async () => {
    const error = await failure(mall.context.db.execute(sql`SELECT ${'天河路 1 号 张三'}::int AS id`));
    const line = errorLine(error);
    expect(JSON.stringify(line)).not.toMatch(/天河路|张三/);
    expect(line.err.cause).toMatchObject({ code: '22P02', message: expect.stringContaining('invalid input syntax for type integer') });
  });
});
