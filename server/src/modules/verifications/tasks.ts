// Tasks of the verifications module (Celery's `sms` package).
import type { Context } from '../../context.js';

export type VerificationTasks = {
  send_sms_code: { mobile: string; code: string; minutes: number };
};

export function verificationTaskHandlers(context: Pick<Context, 'sms'>) {
  return {
    send_sms_code: (payload: VerificationTasks['send_sms_code']) => context.sms.sendVerificationCode(payload),
  };
};
