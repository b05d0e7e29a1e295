// Tasks of the verifications module (Celery's `sms` package).
import { MOBILE_PATTERN } from '@meiduo/contract/user-rules';
import { Type, type Static } from '@sinclair/typebox';
import type { Context } from '../../context.js';
import { defineTask } from '../../infra/queue/index.js';

const SendSmsCode = Type.Object(
  {
    mobile: Type.String({ pattern: MOBILE_PATTERN }),
    code: Type.String({ pattern: '^\\d{4,8}$' }),
    minutes: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false },
);
export type SendSmsCodePayload = Static<typeof SendSmsCode>;

export const verificationTasks = {
  // Personal: the payload is a code and a mobile, so no failed job of it is kept.
  send_sms_code: defineTask({
    schema: SendSmsCode,
    attempts: 3,
    backoff: 2000,
    personal: true,
    handler: (payload, { context }: { context: Pick<Context, 'sms'> }) => context.sms.sendVerificationCode(payload),
  }),
};
