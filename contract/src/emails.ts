// Shapes of setting the account's e-mail and verifying it (contract §3.6, §3.7); the address
// rule is email-rules.ts.
import { Type, type Static } from '@sinclair/typebox';
import { EMAIL_MAX } from './email-rules.js';

export const EmailInput = Type.Object({ email: Type.String({ minLength: 1, maxLength: EMAIL_MAX }) });
export type EmailInput = Static<typeof EmailInput>;
export const EmailSet = Type.Object({ id: Type.Integer(), email: Type.String() });
export type EmailSet = Static<typeof EmailSet>;

/** The link's query; a missing or empty token is the contract's own answer, not a field error. */
export const EmailVerificationQuery = Type.Object({ token: Type.Optional(Type.String()) });
