// Tasks of the users module (Celery's `email` package).
import { EMAIL_MAX } from '@meiduo/contract/email-rules';
import { Type } from '@sinclair/typebox';
import type { Context } from '../../context.js';
import { defineTask } from '../../infra/queue/index.js';
import { verifyEmailMessage } from './emails.js';

const SendVerifyEmail = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 150 }),
    to_email: Type.String({ minLength: 3, maxLength: EMAIL_MAX }),
    verify_url: Type.String({ pattern: '^https?://', maxLength: 2000 }),
  },
  { additionalProperties: false },
);

export const userTasks = {
  // Personal: an address and a link that verifies it, so no failed job of it is kept.
  send_verify_email: defineTask({
    schema: SendVerifyEmail,
    attempts: 5,
    backoff: 5000,
    personal: true,
    handler: (payload, { context }: { context: Pick<Context, 'mail'> }) => context.mail.send(verifyEmailMessage(payload)),
  }),
};
