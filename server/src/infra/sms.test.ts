// The Ronglian (容联云) template-SMS protocol against a local fake of its REST endpoint, and
// the file backend's outbox line.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stderrOf } from '../../test/fixtures.js';
import { loadConfig } from '../config.js';
import { printToDevConsole } from './dev-console.js';
import { createSmsSender, RonglianSms, ronglianTimestamp, SmsProviderError } from './sms.js';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

describe('Ronglian template SMS', () => {
  let server: Server;
  let baseUrl: string;
  const received: Received[] = [];
  let reply: { status: number; body: object } = { status: 200, body: { statusCode: '000000', templateSMS: { smsMessageSid: 'abc' } } };

  beforeAll(async () => {
    server = createServer((request, response) => {
      let raw = '';
      request.on('data', (chunk) => (raw += chunk));
      request.on('end', () => {
        received.push({ method: request.method!, url: request.url!, headers: request.headers, body: JSON.parse(raw) });
        response.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const options = () => ({ baseUrl, accountSid: 'ACCOUNT_SID_8a2', authToken: 'AUTH_TOKEN_f00', appId: 'APP_ID_123', templateId: '1' });

  it('signs the request as the provider specifies', async () => {
    await new RonglianSms(options()).sendVerificationCode({ mobile: '13800138000', code: '042917', minutes: 5 });
    const request = received.at(-1)!;
    const timestamp = Buffer.from(String(request.headers.authorization), 'base64').toString();
    expect(timestamp).toMatch(/^ACCOUNT_SID_8a2:\d{14}$/);
    const stamp = timestamp.split(':')[1]!;
    const sig = createHash('md5').update(`ACCOUNT_SID_8a2AUTH_TOKEN_f00${stamp}`).digest('hex').toUpperCase();
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`/2013-12-26/Accounts/ACCOUNT_SID_8a2/SMS/TemplateSMS?sig=${sig}`);
    expect(request.headers.accept).toBe('application/json');
    expect(request.headers['content-type']).toBe('application/json;charset=utf-8');
    expect(request.body).toEqual({ to: '13800138000', appId: 'APP_ID_123', templateId: '1', datas: ['042917', '5'] });
  });

  it('uses China time in the timestamp', () => {
    expect(ronglianTimestamp(new Date('2026-01-31T20:05:09Z'))).toBe('20260201040509');
  });

  it('fails (so the queue retries) when the provider refuses', async () => {
    reply = { status: 200, body: { statusCode: '160038', statusMsg: '短信验证码发送过频繁' } };
    await expect(new RonglianSms(options()).sendVerificationCode({ mobile: '13800138000', code: '1', minutes: 5 })).rejects.toThrow(
      SmsProviderError,
    );
    reply = { status: 500, body: {} };
    await expect(new RonglianSms(options()).sendVerificationCode({ mobile: '13800138000', code: '1', minutes: 5 })).rejects.toThrow(
      /HTTP 500/,
    );
  });
});

describe('console SMS backend', () => {
  it('prints the code as one plain line on stderr', async () => {
    const sender = createSmsSender(loadConfig({ SMS_BACKEND: 'console' }));
    const written = await stderrOf(() => sender.sendVerificationCode({ mobile: '13800000000', code: '123456', minutes: 5 }));
    expect(written).toBe('[sms] 13800000000 验证码 123456 (5 分钟内有效)\n');
  });

  it('indents the further lines of a message (a mail body) under its first', async () => {
    const written = await stderrOf(async () => printToDevConsole('mail', 'to a@b.cn: 美多商城邮箱验证\nhttp://x/verify?token=t'));
    expect(written).toBe('[mail] to a@b.cn: 美多商城邮箱验证\n       http://x/verify?token=t\n');
  });
});

describe('file SMS backend', () => {
  it('appends one JSON line per message to the outbox', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sms-outbox-'));
    try {
      const sender = createSmsSender(loadConfig({ SMS_BACKEND: 'file', OUTBOX_DIR: dir, DATA_DIR: dir }));
      const written = await stderrOf(async () => {
        await sender.sendVerificationCode({ mobile: '13900000001', code: '123456', minutes: 5 });
        await sender.sendVerificationCode({ mobile: '13900000002', code: '000042', minutes: 5 });
      });
      expect(written).toBe('');
      const lines = (await readFile(path.join(dir, 'sms.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatchObject({ mobile: '13900000002', code: '000042', minutes: 5 });
      expect(lines[1].sent_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
