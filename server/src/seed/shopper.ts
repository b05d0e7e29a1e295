// The demo accounts, to log in with on a fresh mall (documented in the README): a shopper, and
// in development a back office superuser.
import { hash } from '@node-rs/argon2';
import { eq, or } from 'drizzle-orm';
import { addresses, users } from '../db/schema/index.js';
import type { Database } from '../infra/db.js';
import { ARGON2 } from '../modules/users/service.js';

export const DEMO_SHOPPER = { username: 'demo_shopper', password: 'meiduo-demo-2026', mobile: '13800000000' } as const;
/** Never seeded with NODE_ENV=production: a password in a README is no password. */
export const DEMO_ADMIN = { username: 'admin', password: 'meiduo-admin-2026', mobile: '13800000001' } as const;

type DemoAccount = { username: string; password: string; mobile: string };

/** Adds the account unless one already holds its name or mobile. True if added. */
async function seedAccount(db: Database, account: DemoAccount, access: { isStaff?: boolean; isSuperuser?: boolean } = {}): Promise<boolean> {
  const taken = or(eq(users.username, account.username), eq(users.mobile, account.mobile));
  const [existing] = await db.select({ id: users.id }).from(users).where(taken).limit(1);
  if (existing) return false;
  const password = await hash(account.password, ARGON2);
  // A seed racing this one may have won meanwhile: then there is nothing left to do.
  const inserted = await db
    .insert(users)
    .values({ username: account.username, mobile: account.mobile, password, ...access })
    .onConflictDoNothing()
    .returning({ id: users.id });
  return inserted.length > 0;
}

/** Where the demo shopper's orders go: the README's try-it checkout needs an address to pick. */
export const DEMO_ADDRESS = { title: '家', receiver: '张美多', provinceId: 110000, cityId: 110100, districtId: 110105, place: '建国路 88 号 SOHO 现代城 2 号楼 1201', mobile: DEMO_SHOPPER.mobile } as const;

/**
 * Adds the demo shopper unless an account already holds its name or mobile, and gives the demo
 * shopper its default address when it has none (also to a shopper seeded before addresses were).
 * True if the account was added.
 */
export async function seedDemoShopper(db: Database): Promise<boolean> {
  const added = await seedAccount(db, DEMO_SHOPPER);
  const [shopper] = await db.select({ id: users.id, defaultAddressId: users.defaultAddressId }).from(users).where(eq(users.username, DEMO_SHOPPER.username));
  if (shopper && shopper.defaultAddressId === null) {
    const [owned] = await db.select({ id: addresses.id }).from(addresses).where(eq(addresses.userId, shopper.id)).limit(1);
    if (!owned) {
      const [address] = await db.insert(addresses).values({ userId: shopper.id, ...DEMO_ADDRESS }).returning({ id: addresses.id });
      await db.update(users).set({ defaultAddressId: address!.id }).where(eq(users.id, shopper.id));
    }
  }
  return added;
}

/** Adds the demo administrator (a superuser) unless an account already holds its name or mobile. */
export const seedDemoAdmin = (db: Database): Promise<boolean> => seedAccount(db, DEMO_ADMIN, { isStaff: true, isSuperuser: true });
