// Shapes of changing a password and of the four-step reset by SMS (contract §2.3, §3.10, §3.11).
import { Type, type Static } from '@sinclair/typebox';
import { Id } from './common.js';

const text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

export const UserParams = Type.Object({ user_id: Id });
/** Username or mobile, as the URL's `\w{4,20}` takes it. */
export const AccountParams = Type.Object({ account: Type.String({ pattern: '^[\\p{L}\\p{N}_]{4,20}$' }) });

export const PasswordChange = Type.Object({ old_password: text(128), password: text(128), password2: text(128) });
export type PasswordChange = Static<typeof PasswordChange>;

/** Step 1: the captcha, as `text` (or `image_code` in some page versions) with its id. */
export const ResetCaptchaQuery = Type.Object({
  image_code_id: Type.String({ format: 'uuid' }),
  text: Type.Optional(Type.String({ minLength: 4, maxLength: 4 })),
  image_code: Type.Optional(Type.String({ minLength: 4, maxLength: 4 })),
});
export const ResetSmsToken = Type.Object({ mobile: Type.String(), access_token: Type.String() });
export type ResetSmsToken = Static<typeof ResetSmsToken>;

/** Step 2: send the SMS to the account's mobile, named only inside the token. */
export const ResetSmsQuery = Type.Object({ access_token: Type.Optional(Type.String({ maxLength: 1000 })) });

/** Step 3: the SMS code; its answer lets step 4 set the password. */
export const ResetCodeQuery = Type.Object({ sms_code: Type.String({ minLength: 6, maxLength: 6 }) });
export const ResetPasswordToken = Type.Object({ user_id: Type.Integer(), access_token: Type.String() });
export type ResetPasswordToken = Static<typeof ResetPasswordToken>;

export const PasswordReset = Type.Object({ password: text(128), password2: text(128), access_token: text(1000) });
export type PasswordReset = Static<typeof PasswordReset>;
export const UserId = Type.Object({ id: Type.Integer() });
