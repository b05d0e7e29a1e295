// HTTP of the verifications module: contract §2.1 and §2.2.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { drf, fieldError } from '../../http/errors.js';
import { MOBILE_PATTERN } from '../users/rules.js';
import type { VerificationService } from './service.js';

const ImageCodeParams = Type.Object({ image_code_id: Type.String({ pattern: '^[\\w-]{1,64}$' }) });
const SmsParams = Type.Object({ mobile: Type.String({ pattern: MOBILE_PATTERN }) });
const SmsQuery = Type.Object({
  image_code_id: Type.Optional(Type.String({ format: 'uuid' })),
  text: Type.Optional(Type.String({ minLength: 4, maxLength: 4 })),
});
const Ok = Type.Object({ message: Type.String() });

export const verificationRoutes: FastifyPluginAsync<{ verifications: VerificationService }> = async (app, { verifications }) => {
  app.get<{ Params: typeof ImageCodeParams.static }>(
    '/image_codes/:image_code_id/',
    { schema: { params: ImageCodeParams } },
    async (request, reply) => {
      const svg = await verifications.createImageCode(request.params.image_code_id);
      // The contract says image/jpeg; an SVG is what we draw, and <img> shows it the same.
      return reply.header('Cache-Control', 'no-store').type('image/svg+xml').send(svg);
    },
  );

  app.get<{ Params: typeof SmsParams.static; Querystring: typeof SmsQuery.static }>(
    '/sms_codes/:mobile/',
    { schema: { params: SmsParams, querystring: SmsQuery, response: { 200: Ok } } },
    async (request) => {
      const { image_code_id: imageCodeId, text } = request.query;
      // Two editions of the page (contract §2.2): with a captcha both answers are required.
      if (imageCodeId !== undefined && text === undefined) throw fieldError('text', drf.required);
      if (text !== undefined && imageCodeId === undefined) throw fieldError('image_code_id', drf.required);
      const captcha = imageCodeId !== undefined && text !== undefined ? { imageCodeId, text } : undefined;
      await verifications.sendSmsCode(request.params.mobile, request.ip, captcha);
      return { message: 'OK' };
    },
  );
};
