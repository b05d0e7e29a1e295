// The demo shopper: one account to log in with on a fresh mall (documented in the README).
import { hash } from '@node-rs/argon2';
import { eq, or } from 'drizzle-orm';
import { users } from '../db/schema/index.js';
import type { Database } from '../infra/db.js';
import { ARGON2 } from '../modules/users/service.js';

export const DEMO_SHOPPER = { username: 'demo_shopper', password: 'meiduo-demo-2026', mobile: '13800000000' } as const;

/** Adds the demo shopper unless an account already holds its name or mobile. True if added. */
export async function seedDemoShopper(db: Database): Promise<boolean> {
  const taken = or(eq(users.username, DEMO_SHOPPER.username), eq(users.mobile, DEMO_SHOPPER.mobile));
  const [existing] = await db.select({ id: users.id }).from(users).where(taken).limit(1);
  if (existing) return false;
  const password = await hash(DEMO_SHOPPER.password, ARGON2);
  // A seed racing this one may have won meanwhile: then there is nothing left to do.
  const inserted = await db
    .insert(users)
    .values({ username: DEMO_SHOPPER.username, mobile: DEMO_SHOPPER.mobile, password })
    .onConflictDoNothing()
    .returning({ id: users.id });
  return inserted.length > 0;
}
