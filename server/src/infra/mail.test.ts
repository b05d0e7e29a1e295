// The mail backends: SMTP against a real local SMTP server, the file outbox, the console line;
// and the SMTP settings' checks.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stderrOf } from '../../test/fixtures.js';
import { startSmtpServer, type TestSmtpServer } from '../../test/smtp.js';
import { loadConfig } from '../config.js';
import { createMailSender, smtpSender, type MailMessage } from './mail.js';

const message: MailMessage = { to: 'shopper@example.cn', subject: '美多商城邮箱验证', text: '你好\nhttp://x/verify?token=t', html: '<p>你好</p>' };

describe('SMTP backend', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(() => smtp.close());

  it('logs in and delivers the message, text and HTML, from MAIL_FROM', async () => {
    const sender = createMailSender(loadConfig({ MAIL_BACKEND: 'smtp', SMTP_URL: smtp.url, MAIL_FROM: '美多商城 <shop@meiduo.site>' }));
    await sender.send(message);
    const { envelope, mail } = await smtp.nextMailTo('shopper@example.cn');
    expect(envelope).toEqual({ from: 'shop@meiduo.site', to: ['shopper@example.cn'] });
    expect(mail.subject).toBe('美多商城邮箱验证');
    expect(mail.from?.value).toEqual([{ name: '美多商城', address: 'shop@meiduo.site' }]);
    expect(mail.text?.trim()).toBe(message.text);
    expect(mail.html).toContain('<p>你好</p>');
  });

  it('fails (so the queue retries) when the server refuses the login', async () => {
    const wrong = smtp.url.replace(':smtp-secret@', ':wrong@');
    await expect(smtpSender(wrong, 'shop@meiduo.site').send(message)).rejects.toThrow();
    expect(smtp.refusedLogins).toBeGreaterThan(0);
  });
});

describe('mail settings', () => {
  it('refuses MAIL_BACKEND=smtp without SMTP_URL, a URL of another scheme, and a bad MAIL_FROM', () => {
    expect(() => loadConfig({ MAIL_BACKEND: 'smtp' })).toThrow('SMTP_URL is required when MAIL_BACKEND=smtp');
    expect(() => loadConfig({ MAIL_BACKEND: 'smtp', SMTP_URL: 'http://user:hunter2@host' })).toThrow(/^SMTP_URL must be a URL like/);
    // The message never repeats the URL: it holds the password.
    expect(() => loadConfig({ SMTP_URL: 'smtp//user:hunter2@host' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }));
    expect(() => loadConfig({ MAIL_FROM: 'no address here' })).toThrow(/^MAIL_FROM must be an address/);
    expect(loadConfig({ MAIL_BACKEND: 'smtp', SMTP_URL: 'smtps://u:p@smtp.163.com:465' }).mail).toEqual({
      smtpUrl: 'smtps://u:p@smtp.163.com:465',
      from: '美多商城 <noreply@meiduo.site>',
    });
  });
});

describe('file and console backends', () => {
  it('appends one JSON line per message to $OUTBOX_DIR/mail.jsonl', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mail-outbox-'));
    try {
      const sender = createMailSender(loadConfig({ MAIL_BACKEND: 'file', OUTBOX_DIR: dir, DATA_DIR: dir, MAIL_FROM: 'shop@meiduo.site' }));
      await sender.send(message);
      await sender.send({ ...message, to: 'second@example.cn' });
      const lines = (await readFile(path.join(dir, 'mail.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatchObject({ from: 'shop@meiduo.site', ...message, to: 'second@example.cn' });
      expect(lines[1].sent_at).toMatch(/^\d{4}-\d\d-\d\dT/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prints recipient, subject and the text body as [mail] lines on stderr', async () => {
    const written = await stderrOf(() => createMailSender(loadConfig({ MAIL_BACKEND: 'console' })).send(message));
    expect(written).toBe('[mail] to shopper@example.cn: 美多商城邮箱验证\n       你好\n       http://x/verify?token=t\n');
  });
});
