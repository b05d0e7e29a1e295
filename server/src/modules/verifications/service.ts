// Image captchas and SMS verification codes (contract §2). Codes live only in the cache.
import { randomInt, timingSafeEqual } from 'node:crypto';
import svgCaptcha from 'svg-captcha';
import type { Context } from '../../context.js';
import { fail } from '../../errors.js';

export const IMAGE_CODE_TTL = 300;
export const SMS_CODE_TTL = 300;
export const SMS_RESEND_INTERVAL = 60;
/** Tries one code answers (right or wrong); the last wrong one deletes it, and later tries are refused. */
export const SMS_MAX_WRONG_TRIES = 5;

const keys = {
  image: (id: string) => `img_${id}`,
  sms: (mobile: string) => `sms_${mobile}`,
  sendFlag: (mobile: string) => `send_flag_${mobile}`,
  tries: (mobile: string) => `sms_tries_${mobile}`,
  daily: (mobile: string) => `sms_day_${mobile}`,
  ip: (ip: string) => `sms_ip_${ip}`,
};

/** Constant-time comparison, so response timing does not leak how much of a code matched. */
function sameCode(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface CaptchaAnswer {
  imageCodeId: string;
  text: string;
}

/**
 * A captcha answer from a request's two parameters: both or neither (then undefined); one
 * alone is the other's `field_required`.
 */
export function captchaAnswer(imageCodeId: string | undefined, text: string | undefined, textField = 'text'): CaptchaAnswer | undefined {
  if (imageCodeId === undefined && text === undefined) return undefined;
  if (text === undefined) throw fail('field_required', { field: textField });
  if (imageCodeId === undefined) throw fail('field_required', { field: 'image_code_id' });
  return { imageCodeId, text };
}

export class VerificationService {
  constructor(private readonly context: Pick<Context, 'cache' | 'queue' | 'config'>) {}

  /** A fresh 4-character captcha stored under the client's id; returns the SVG image. */
  async createImageCode(imageCodeId: string): Promise<string> {
    const captcha = svgCaptcha.create({ size: 4, noise: 3, color: true, ignoreChars: '0oO1iIlL', background: '#f4f4f4' });
    await this.context.cache.set(keys.image(imageCodeId), captcha.text.toLowerCase(), IMAGE_CODE_TTL);
    return captcha.data;
  }

  /** Checks a captcha answer; the stored answer is deleted by the first check, right or wrong. */
  async checkCaptcha({ imageCodeId, text }: CaptchaAnswer): Promise<void> {
    const expected = await this.context.cache.take(keys.image(imageCodeId));
    if (expected === null) throw fail('captcha.expired');
    if (!sameCode(expected, text.toLowerCase())) throw fail('captcha.wrong');
  }

  /**
   * Issues a 6-digit SMS code and queues its delivery. Guards, in order: the captcha (when the
   * page sends one), a per-IP hourly cap, the 60 s resend flag, a daily cap per mobile.
   */
  async sendSmsCode(mobile: string, clientIp: string, captcha?: CaptchaAnswer): Promise<void> {
    const { cache, queue } = this.context;
    const limits = this.context.config.smsLimits;
    if (captcha) await this.checkCaptcha(captcha);
    if ((await cache.incr(keys.ip(clientIp), 3600)) > limits.perIpPerHour) throw fail('sms.ip_limited');
    // Set-if-absent is the check and the claim in one step: two racing requests send one SMS.
    if (!(await cache.setIfAbsent(keys.sendFlag(mobile), '1', SMS_RESEND_INTERVAL))) throw fail('sms.too_frequent');
    if ((await cache.incr(keys.daily(mobile), 86_400)) > limits.perMobilePerDay) throw fail('sms.daily_limit');
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    // The new code's tries start at zero before the code exists, so no old count can kill it.
    await cache.del(keys.tries(mobile));
    await cache.set(keys.sms(mobile), code, SMS_CODE_TTL);
    await queue.enqueue('send_sms_code', { mobile, code, minutes: SMS_CODE_TTL / 60 });
  }

  /**
   * Throws the contract's E2 errors unless `code` is the live code of `mobile`. Each try is
   * counted before the code is read, in one atomic step, so a burst of parallel guesses gets
   * no more comparisons than one guesser: past the cap the code is dead, even for its right value.
   */
  async checkSmsCode(mobile: string, code: string): Promise<void> {
    const { cache } = this.context;
    const tries = await cache.incr(keys.tries(mobile), SMS_CODE_TTL);
    if (tries > SMS_MAX_WRONG_TRIES) throw fail('sms.code_invalid');
    const expected = await cache.get(keys.sms(mobile));
    if (expected === null) throw fail('sms.code_invalid');
    if (sameCode(expected, code)) return;
    if (tries === SMS_MAX_WRONG_TRIES) await cache.del(keys.sms(mobile));
    throw fail('sms.code_wrong');
  }

  /**
   * A used code is gone (the original let it live out its TTL, contract §13.8). False when it
   * was gone already: of several requests that passed the check together, one uses the code.
   */
  async consumeSmsCode(mobile: string): Promise<boolean> {
    const { cache } = this.context;
    const used = (await cache.take(keys.sms(mobile))) !== null;
    await cache.del(keys.tries(mobile));
    return used;
  }
}
