// Shapes of the verifications (contract §2): captcha ids and SMS code requests.
import { Type, type Static } from '@sinclair/typebox';
import { MOBILE_PATTERN } from './user-rules.js';

export const ImageCodeParams = Type.Object({ image_code_id: Type.String({ pattern: '^[\\w-]{1,64}$' }) });
export const SmsParams = Type.Object({ mobile: Type.String({ pattern: MOBILE_PATTERN }) });
/** With a captcha (one edition of the page) both answers come; without, neither. */
export const SmsQuery = Type.Object({
  image_code_id: Type.Optional(Type.String({ format: 'uuid' })),
  text: Type.Optional(Type.String({ minLength: 4, maxLength: 4 })),
});
export const Ok = Type.Object({ message: Type.String() });
export type Ok = Static<typeof Ok>;
