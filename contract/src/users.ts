// Shapes of the accounts (contract §3.1–§3.5, §3.9). Lengths here only bound the input; the
// contract's rules and messages are user-rules.ts and the error catalogue.
import { Type, type Static } from '@sinclair/typebox';
import { Id } from './common.js';
import { MOBILE_PATTERN, USERNAME_URL_PATTERN } from './user-rules.js';

const text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

export const UsernameParams = Type.Object({ username: Type.String({ pattern: USERNAME_URL_PATTERN }) });
export const MobileParams = Type.Object({ mobile: Type.String({ pattern: MOBILE_PATTERN }) });
export const UsernameCount = Type.Object({ username: Type.String(), count: Type.Integer() });
export type UsernameCount = Static<typeof UsernameCount>;
export const MobileCount = Type.Object({ mobile: Type.String(), count: Type.Integer() });
export type MobileCount = Static<typeof MobileCount>;

export const Registration = Type.Object({
  username: text(150),
  password: text(128),
  password2: text(128),
  mobile: text(32),
  sms_code: text(32),
  /** The string form of the checkbox, as the original page sent it. */
  allow: text(16),
});
export type Registration = Static<typeof Registration>;
export const Registered = Type.Object({ id: Type.Integer(), username: Type.String(), mobile: Type.String(), token: Type.String() });
export type Registered = Static<typeof Registered>;

/** The captcha pair is ours: asked for only when an address keeps failing on a suspicious account. */
export const Credentials = Type.Object({
  username: text(150),
  password: text(128),
  image_code_id: Type.Optional(Type.String({ format: 'uuid' })),
  image_code: Type.Optional(Type.String({ minLength: 4, maxLength: 4 })),
});
export type Credentials = Static<typeof Credentials>;
/** A login's answer: the JWT and who it is for. */
export const Session = Type.Object({ token: Type.String(), user_id: Type.Integer(), username: Type.String() });
export type Session = Static<typeof Session>;

export const Profile = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  mobile: Type.String(),
  email: Type.String(),
  email_active: Type.Boolean(),
});
export type Profile = Static<typeof Profile>;

export const HistoryEntry = Type.Object({ sku_id: Id });
export type HistoryEntry = Static<typeof HistoryEntry>;
