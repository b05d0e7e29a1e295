// A database that is down: the contract's 507 {"message": "服务器内部错误"}, no stack trace,
// and the process keeps serving what does not need the database.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { closeContext, createContext, type Context } from '../context.js';
import { openTaskQueue } from '../tasks.js';
import { createServices } from '../services.js';

let dir: string;
let context: Context;
let app: FastifyInstance;
let url: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'meiduo-outage-'));
  // Port 1 on loopback: nothing listens, every connection is refused at once.
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/meiduo' });
  context = await createContext(config, openTaskQueue);
  app = await buildApp(context, await createServices(context));
  await app.listen({ host: '127.0.0.1', port: 0 });
  url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await app.close();
  await closeContext(context);
  await rm(dir, { recursive: true, force: true });
});

describe('database down', () => {
  it.each(['/usernames/someone1/count/', '/areas/', '/categories/1/skus/', '/skus/search/?text=%E6%89%8B%E6%9C%BA'])(
    'answers 507 in the contract shape for %s',
    async (pathname) => {
      const response = await fetch(url + pathname);
      expect(response.status).toBe(507);
      expect(await response.json()).toEqual({ message: '服务器内部错误' });
    },
  );

  it('answers 507 for a login, not a failed-credentials 400', async () => {
    const response = await fetch(`${url}/authorizations/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'someone1', password: 'whatever1' }),
    });
    expect(response.status).toBe(507);
  });

  it('answers 507 to every checkout of a batch, and to the settlement, with a valid token', async () => {
    const token = context.tokens.sign({ user_id: 1, username: 'someone1', email: '', pwd: 'stamp' });
    const headers = { 'content-type': 'application/json', authorization: `JWT ${token}` };
    // Sent together: the user lookups, and the checkouts, are batched; a failed batch fails each request in it.
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => fetch(`${url}/orders/`, { method: 'POST', headers, body: JSON.stringify({ address: 1, pay_method: 1 }) })),
    );
    expect(answers.map((answer) => answer.status)).toEqual([507, 507, 507, 507, 507]);
    expect(await answers[0]!.json()).toEqual({ message: '服务器内部错误' });
    expect((await fetch(`${url}/orders/settlement/`, { headers })).status).toBe(507);
  });

  it('still serves what needs only the cache', async () => {
    const response = await fetch(`${url}/image_codes/${crypto.randomUUID()}/`);
    expect(response.status).toBe(200);
  });
});
