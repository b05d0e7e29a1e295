// Contract §2.1–§2.2 through HTTP: captcha, SMS codes, throttles, caps.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutbox, startTestMall, type TestMall } from '../../../test/harness.js';
import { solvedCaptcha, uniqueMobile } from '../../../test/fixtures.js';

let mall: TestMall;
beforeAll(async () => {
  mall = await startTestMall({ env: { SMS_IP_HOURLY_LIMIT: '1000' } });
});
afterAll(() => mall.close());

/** Reads the captcha answer the server stored (the image is for humans). */
const captchaAnswer = (id: string) => mall.context.cache.get(`img_${id}`);

describe('GET /image_codes/<uuid>/', () => {
  it('answers an uncacheable image and stores a 4-character answer for 300 s', async () => {
    const id = randomUUID();
    const response = await mall.get(`/image_codes/${id}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.body).toMatch(/^<svg[\s\S]*<\/svg>$/);
    expect(await captchaAnswer(id)).toMatch(/^[a-z0-9]{4}$/);
    const ttl = await mall.context.cache.ttl(`img_${id}`);
    expect(ttl).toBeGreaterThan(290);
    expect(ttl).toBeLessThanOrEqual(300);
  });

  it('replaces the answer when the same id is requested again', async () => {
    const id = randomUUID();
    const answers = new Set<string | null>();
    for (let i = 0; i < 5; i++) {
      await mall.get(`/image_codes/${id}/`);
      answers.add(await captchaAnswer(id));
    }
    expect(answers.size).toBeGreaterThan(1);
  });

  it('answers the same without the trailing slash, as some editions of the original pages ask (Django redirected them)', async () => {
    const id = randomUUID();
    const response = await mall.get(`/image_codes/${id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await captchaAnswer(id)).toMatch(/^[a-z0-9]{4}$/);
    expect((await mall.get('/image_codes/not!valid')).status).toBe(404);
  });

  it('answers 404 JSON for an id outside the URL pattern', async () => {
    const response = await mall.get('/image_codes/not!valid/');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ detail: '未找到。' });
    expect((await mall.get(`/image_codes/${'a'.repeat(65)}/`)).status).toBe(404);
  });
});

describe('GET /sms_codes/<mobile>/ without a captcha (no-captcha edition)', () => {
  it('queues a 6-digit code that the worker delivers, valid 300 s', async () => {
    const mobile = uniqueMobile();
    const response = await mall.get(`/sms_codes/${mobile}/`);
    expect(response).toMatchObject({ status: 200, body: { message: 'OK' } });
    const code = await mall.smsCode(mobile);
    expect(code).toMatch(/^\d{6}$/);
    expect(await mall.context.cache.get(`sms_${mobile}`)).toBe(code);
    expect(await mall.context.cache.ttl(`sms_${mobile}`)).toBeGreaterThan(290);
    expect(await mall.context.cache.ttl(`send_flag_${mobile}`)).toBeGreaterThan(50);
  });

  it('refuses a second send within 60 s with both error keys', async () => {
    const mobile = uniqueMobile();
    expect((await mall.get(`/sms_codes/${mobile}/`)).status).toBe(200);
    const again = await mall.get(`/sms_codes/${mobile}/`);
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ message: '请勿频繁发送短信', non_field_errors: ['请勿频繁发送短信'] });
    await mall.smsCode(mobile);
    expect((await readOutbox(mall.outboxDir)).filter((sms) => sms.mobile === mobile)).toHaveLength(1);
  });

  it('sends one SMS when many requests race for the same mobile', async () => {
    const mobile = uniqueMobile();
    const statuses = (await Promise.all(Array.from({ length: 10 }, () => mall.get(`/sms_codes/${mobile}/`)))).map((r) => r.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 400)).toHaveLength(9);
  });

  it('caps the sends per mobile per day', async () => {
    const mobile = uniqueMobile();
    await mall.context.cache.set(`sms_day_${mobile}`, '10', 86_400);
    const response = await mall.get(`/sms_codes/${mobile}/`);
    expect(response.status).toBe(400);
    expect(response.body.message).toBe('该手机号今日获取验证码次数已达上限');
  });

  it('answers 404 JSON for a mobile outside 1[3-9]xxxxxxxxx', async () => {
    for (const mobile of ['12800138000', '1380013800', '138001380000', 'abcdefghijk']) {
      const response = await mall.get(`/sms_codes/${mobile}/`);
      expect(response.status, mobile).toBe(404);
      expect(response.body).toEqual({ detail: '未找到。' });
    }
  });
});

describe('GET /sms_codes/<mobile>/?image_code_id&text (captcha edition)', () => {
  it('sends when the captcha answer is right, in any letter case', async () => {
    const { image_code_id: id, text } = await solvedCaptcha(mall);
    const mobile = uniqueMobile();
    const response = await mall.get(`/sms_codes/${mobile}/?image_code_id=${id}&text=${text.toUpperCase()}`);
    expect(response).toMatchObject({ status: 200, body: { message: 'OK' } });
    expect(await mall.smsCode(mobile)).toMatch(/^\d{6}$/);
  });

  it('rejects a wrong answer and burns the captcha', async () => {
    const { image_code_id: id, text } = await solvedCaptcha(mall);
    const wrong = text === 'aaaa' ? 'bbbb' : 'aaaa';
    const mobile = uniqueMobile();
    const first = await mall.get(`/sms_codes/${mobile}/?image_code_id=${id}&text=${wrong}`);
    expect(first.status).toBe(400);
    expect(first.body.non_field_errors).toEqual(['图片验证码错误']);
    // The right answer no longer works: the captcha was deleted by the first check.
    const second = await mall.get(`/sms_codes/${mobile}/?image_code_id=${id}&text=${text}`);
    expect(second.status).toBe(400);
    expect(second.body.non_field_errors).toEqual(['图片验证码无效']);
  });

  it('rejects an unknown captcha id', async () => {
    const response = await mall.get(`/sms_codes/${uniqueMobile()}/?image_code_id=${randomUUID()}&text=abcd`);
    expect(response.status).toBe(400);
    expect(response.body.non_field_errors).toEqual(['图片验证码无效']);
  });

  it('answers E1 field errors for malformed captcha parameters', async () => {
    const mobile = uniqueMobile();
    const badId = await mall.get(`/sms_codes/${mobile}/?image_code_id=nope&text=abcd`);
    expect(badId).toMatchObject({ status: 400, body: { image_code_id: ['必须是有效的 UUID。'] } });
    const shortText = await mall.get(`/sms_codes/${mobile}/?image_code_id=${randomUUID()}&text=abc`);
    expect(shortText).toMatchObject({ status: 400, body: { text: ['请确保这个字段至少包含 4 个字符。'] } });
    const longText = await mall.get(`/sms_codes/${mobile}/?image_code_id=${randomUUID()}&text=abcde`);
    expect(longText).toMatchObject({ status: 400, body: { text: ['请确保这个字段不能超过 4 个字符。'] } });
    const missingText = await mall.get(`/sms_codes/${mobile}/?image_code_id=${randomUUID()}`);
    expect(missingText).toMatchObject({ status: 400, body: { text: ['该字段是必填项。'] } });
    const missingId = await mall.get(`/sms_codes/${mobile}/?text=abcd`);
    expect(missingId).toMatchObject({ status: 400, body: { image_code_id: ['该字段是必填项。'] } });
  });
});

describe('per-IP limit', () => {
  it('answers 429 once one address has asked for too many codes in an hour', async () => {
    const limited = await startTestMall({ env: { SMS_IP_HOURLY_LIMIT: '3' } });
    try {
      for (let i = 0; i < 3; i++) expect((await limited.get(`/sms_codes/${uniqueMobile()}/`)).status).toBe(200);
      const refused = await limited.get(`/sms_codes/${uniqueMobile()}/`);
      expect(refused.status).toBe(429);
      expect(refused.body.message).toBe('发送短信次数过于频繁');
    } finally {
      await limited.close();
    }
  });
});
