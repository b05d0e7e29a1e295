// SMS providers behind one small interface: `console` (development log), `file` (outbox),
// and Ronglian Cloud (容联云通讯) template SMS, the provider the original Meiduo used.
import { createHash } from 'node:crypto';
import type { Config } from '../config.js';
import { printToDevConsole } from './dev-console.js';
import { appendToOutbox } from './outbox.js';

export interface VerificationSms {
  mobile: string;
  code: string;
  /** How long the code stays valid, told to the user in the message. */
  minutes: number;
}

export interface SmsSender {
  sendVerificationCode(message: VerificationSms): Promise<void>;
}

export class SmsProviderError extends Error {}

/** Ronglian's timestamp: yyyyMMddHHmmss in China time, which its servers check. */
export function ronglianTimestamp(now: Date = new Date()): string {
  const china = new Date(now.getTime() + 8 * 3600_000);
  return china.toISOString().replace(/[-T:]/g, '').slice(0, 14);
}

export class RonglianSms implements SmsSender {
  constructor(private readonly options: Config['ronglian']) {}

  async sendVerificationCode({ mobile, code, minutes }: VerificationSms): Promise<void> {
    const { baseUrl, accountSid, authToken, appId, templateId } = this.options;
    const timestamp = ronglianTimestamp();
    // sig = upper(md5(accountSid + authToken + timestamp)); Authorization = base64(accountSid:timestamp)
    const sig = createHash('md5').update(accountSid + authToken + timestamp).digest('hex').toUpperCase();
    const response = await fetch(`${baseUrl}/2013-12-26/Accounts/${accountSid}/SMS/TemplateSMS?sig=${sig}`, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json;charset=utf-8',
        Authorization: Buffer.from(`${accountSid}:${timestamp}`).toString('base64'),
      },
      body: JSON.stringify({ to: mobile, appId, templateId, datas: [code, String(minutes)] }),
      signal: AbortSignal.timeout(10_000),
    });
    const reply = (await response.json().catch(() => ({}))) as { statusCode?: string; statusMsg?: string };
    if (!response.ok || reply.statusCode !== '000000') {
      throw new SmsProviderError(`Ronglian refused the SMS: HTTP ${response.status} ${reply.statusCode ?? ''} ${reply.statusMsg ?? ''}`.trim());
    }
  }
}

/** The console backend's line: what the user's phone would show, for the developer. */
export function verificationSmsLine({ mobile, code, minutes }: VerificationSms): string {
  return `${mobile} 验证码 ${code} (${minutes} 分钟内有效)`;
}

export function createSmsSender(config: Config): SmsSender {
  switch (config.smsBackend) {
    case 'ronglian':
      return new RonglianSms(config.ronglian);
    case 'file':
      return { sendVerificationCode: (message) => appendToOutbox(config.outboxDir, 'sms', message) };
    case 'console':
      return {
        // Development only: the console backend exists to show the code to the developer, as
        // one plain line on stderr (not a JSON log record lost among the request lines).
        sendVerificationCode: async (message) => printToDevConsole('sms', verificationSmsLine(message)),
      };
  }
}
