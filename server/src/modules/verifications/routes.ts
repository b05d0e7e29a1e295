// HTTP of the verifications module: contract §2.1 and §2.2.
import { ImageCodeParams, Ok, SmsParams, SmsQuery } from '@meiduo/contract/verifications';
import type { Static } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { captchaAnswer, type VerificationService } from './service.js';

export const verificationRoutes: FastifyPluginAsync<{ verifications: VerificationService }> = async (app, { verifications }) => {
  // Some editions of the original pages ask without the trailing slash (Django redirected it): the same captcha.
  for (const url of ['/image_codes/:image_code_id/', '/image_codes/:image_code_id']) {
    app.get<{ Params: Static<typeof ImageCodeParams> }>(
      url,
      {
        schema: {
          tags: ['verifications'],
          summary: url.endsWith('/') ? 'A new captcha image, stored under the client’s id for 300 s' : 'The same, without the trailing slash (original pages)',
          params: ImageCodeParams,
          // Documents the SVG; Fastify sends the string as it is.
          response: { 200: { description: 'The captcha (SVG)', content: { 'image/svg+xml': { schema: { type: 'string' } } } } },
        },
      },
      async (request, reply) => {
        const svg = await verifications.createImageCode(request.params.image_code_id);
        // The contract says image/jpeg; an SVG is what we draw, and <img> shows it the same.
        return reply.header('Cache-Control', 'no-store').type('image/svg+xml').send(svg);
      },
    );
  }

  app.get<{ Params: Static<typeof SmsParams>; Querystring: Static<typeof SmsQuery> }>(
    '/sms_codes/:mobile/',
    {
      config: { errors: ['field_required', 'captcha.expired', 'captcha.wrong', 'sms.ip_limited', 'sms.too_frequent', 'sms.daily_limit'] },
      schema: {
        tags: ['verifications'],
        summary: 'Sends an SMS code to the mobile',
        description: 'With a captcha, `image_code_id` and `text` come together; without, neither.',
        params: SmsParams,
        querystring: SmsQuery,
        response: { 200: Ok },
      },
    },
    async (request) => {
      // Two editions of the page (contract §2.2): with a captcha both answers are required.
      const captcha = captchaAnswer(request.query.image_code_id, request.query.text);
      await verifications.sendSmsCode(request.params.mobile, request.ip, captcha);
      return { message: 'OK' };
    },
  );
};
