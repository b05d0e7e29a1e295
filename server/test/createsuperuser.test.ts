// `npm run createsuperuser` as an operator or a script runs it: a process of its own, with flags.
// Served mode: on the test mall's database, then the new superuser logs into the back office.
// Embedded: on a PGlite folder of its own (the mall's is in this process's memory).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { verify } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../src/db/schema/index.js';
import { openDatabase } from '../src/infra/db.js';
import { servedMode, startTestMall, type TestMall } from './harness.js';
import { uniqueMobile } from './fixtures.js';

const entry = path.resolve(import.meta.dirname, '../src/createsuperuser-cli.ts');

/** Runs the command; its exit code and what it printed. */
async function createsuperuser(args: string[], env: Record<string, string>) {
  // node --import tsx rather than the tsx command, which would start a second node process.
  const run = promisify(execFile)(process.execPath, ['--import', 'tsx', entry, ...args], { env: { ...process.env, ...env }, timeout: 120_000 });
  const { stdout, stderr, code } = (await run.catch((error: unknown) => error)) as { stdout: string; stderr: string; code?: number };
  return { code: code ?? 0, stdout, stderr };
}

const name = () => `boss_${Math.random().toString(36).slice(2, 10)}`;

describe('createsuperuser', () => {
  it('refuses a password the shop would refuse, with the rule\'s text, before touching a database; asks nothing without a terminal', async () => {
    const refused = await createsuperuser(['--username', name(), '--mobile', uniqueMobile()], { MEIDUO_SUPERUSER_PASSWORD: 'short', DATABASE_URL: 'postgres://127.0.0.1:1/none' });
    expect(refused).toMatchObject({ code: 1, stderr: 'createsuperuser: password: 仅允许8-20个字符的密码\n' });
    const noTerminal = await createsuperuser(['--username', name()], { MEIDUO_SUPERUSER_PASSWORD: '' });
    expect(noTerminal.code).toBe(1);
    expect(noTerminal.stderr).toMatch(/^createsuperuser: missing --mobile, --password \(no terminal to ask on/);
  });

  describe.runIf(servedMode)('on the mall\'s database', () => {
    let mall: TestMall;
    beforeAll(async () => {
      mall = await startTestMall();
    });
    afterAll(() => mall.close());

    it('creates a superuser who logs into the back office; a taken username or mobile is refused', async () => {
      const username = name();
      const mobile = uniqueMobile();
      const created = await createsuperuser(['--username', username, '--mobile', mobile, '--email', 'boss@example.com'], { ...mall.env, MEIDUO_SUPERUSER_PASSWORD: 'boss-pass-2026' });
      expect(created).toMatchObject({ code: 0, stderr: '' });
      expect(created.stdout).toContain(`superuser "${username}" created`);
      const login = await mall.post<{ token: string }>('/meiduo_admin/authorizations/', { username, password: 'boss-pass-2026' });
      expect(login.status).toBe(200);
      const list = await mall.get('/meiduo_admin/permission/admins/', { authorization: `JWT ${login.body.token}` });
      expect(list.status).toBe(200);
      expect(JSON.stringify(list.body)).toContain(username);

      const again = await createsuperuser(['--username', username, '--mobile', uniqueMobile(), '--password', 'boss-pass-2026'], mall.env);
      expect(again).toMatchObject({ code: 1, stderr: 'createsuperuser: username: 已存在一位使用该名字的用户。\n' });
      const sameMobile = await createsuperuser(['--username', name(), '--mobile', mobile, '--password', 'boss-pass-2026'], mall.env);
      expect(sameMobile).toMatchObject({ code: 1, stderr: 'createsuperuser: mobile: 具有 手机号 的 用户 已存在。\n' });
    });
  });

  describe.skipIf(servedMode)('on the embedded database', () => {
    let dataDir: string;
    beforeAll(async () => {
      dataDir = await mkdtemp(path.join(tmpdir(), 'meiduo-createsuperuser-'));
    });
    afterAll(() => rm(dataDir, { recursive: true, force: true }));

    it('migrates a new DATA_DIR and creates the superuser there; a taken username is refused', async () => {
      const env = { DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '', NODE_ENV: 'development', MEIDUO_SUPERUSER_PASSWORD: 'boss-pass-2026' };
      const username = name();
      const created = await createsuperuser(['--username', username, '--mobile', uniqueMobile()], env);
      expect(created).toMatchObject({ code: 0, stderr: '' });
      const again = await createsuperuser(['--username', username, '--mobile', uniqueMobile()], env);
      expect(again).toMatchObject({ code: 1, stderr: 'createsuperuser: username: 已存在一位使用该名字的用户。\n' });
      const database = await openDatabase({ dataDir: path.join(dataDir, 'pglite') });
      try {
        const [row] = await database.db.select().from(users).where(eq(users.username, username));
        expect(row).toMatchObject({ isStaff: true, isSuperuser: true, isActive: true, email: '' });
        expect(await verify(row!.password, 'boss-pass-2026')).toBe(true);
      } finally {
        await database.close();
      }
    });
  });
});
