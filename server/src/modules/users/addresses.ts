// The address book (contract §3.8): a user's shipping addresses, capped, soft-deleted, one of
// them the default. Every statement is scoped to the owner, so another user's id is a 404.
import type { Address, AddressBook, AddressInput } from '@meiduo/contract/addresses';
import { ADDRESS_LIMIT, emailRule, telRule } from '@meiduo/contract/address-rules';
import { mobileRule } from '@meiduo/contract/user-rules';
import { and, count, desc, eq, exists, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Context } from '../../context.js';
import { addresses, areas, users } from '../../db/schema/index.js';
import { fail, FieldErrors } from '../../errors.js';
import { transaction, type Database } from '../../infra/db.js';
import type { AreaService } from '../areas/service.js';

const province = alias(areas, 'province');
const city = alias(areas, 'city');
const district = alias(areas, 'district');

/** A live address of this user. */
const owned = (userId: number, id: number) => and(eq(addresses.id, id), eq(addresses.userId, userId), eq(addresses.isDeleted, false));

export class AddressService {
  constructor(
    private readonly context: Pick<Context, 'db'>,
    private readonly areas: AreaService,
  ) {}

  private select(db: Database) {
    return db
      .select({
        id: addresses.id,
        title: addresses.title,
        receiver: addresses.receiver,
        province: province.name,
        city: city.name,
        district: district.name,
        province_id: addresses.provinceId,
        city_id: addresses.cityId,
        district_id: addresses.districtId,
        place: addresses.place,
        mobile: addresses.mobile,
        tel: addresses.tel,
        email: addresses.email,
      })
      .from(addresses)
      .innerJoin(province, eq(province.id, addresses.provinceId))
      .innerJoin(city, eq(city.id, addresses.cityId))
      .innerJoin(district, eq(district.id, addresses.districtId));
  }

  private async one(db: Database, userId: number, id: number): Promise<Address> {
    const [address] = await this.select(db).where(owned(userId, id));
    if (!address) throw fail('not_found');
    return address;
  }

  /** The live addresses, most recently changed first, and which one is the default. */
  async book(userId: number): Promise<AddressBook> {
    const { db } = this.context;
    const [[user], list] = await Promise.all([
      db.select({ defaultAddressId: users.defaultAddressId }).from(users).where(eq(users.id, userId)),
      this.select(db)
        .where(and(eq(addresses.userId, userId), eq(addresses.isDeleted, false)))
        .orderBy(desc(addresses.updateTime), desc(addresses.id)),
    ]);
    return { user_id: userId, default_address_id: user?.defaultAddressId ?? null, limit: ADDRESS_LIMIT, addresses: list };
  }

  /** Field rules, then the areas: a real province, a city in it, a district in that city. */
  private async check(input: AddressInput): Promise<void> {
    const invalid = new FieldErrors().add(mobileRule(input.mobile)).add(telRule(input.tel)).add(emailRule(input.email));
    const provinces = await this.areas.provinces();
    if (!provinces.some((area) => area.id === input.province_id)) {
      invalid.add((await this.areas.withSubs(input.province_id)) ? 'address.province_invalid' : 'address.area_missing', 'province_id', { id: String(input.province_id) });
    } else {
      const cities = (await this.areas.withSubs(input.province_id))?.subs ?? [];
      if (!cities.some((area) => area.id === input.city_id)) invalid.add('address.city_outside_province');
      else {
        const districts = (await this.areas.withSubs(input.city_id))?.subs ?? [];
        if (!districts.some((area) => area.id === input.district_id)) invalid.add('address.district_outside_city');
      }
    }
    invalid.throwIfAny();
  }

  private columns(input: AddressInput) {
    return {
      title: input.title,
      receiver: input.receiver,
      provinceId: input.province_id,
      cityId: input.city_id,
      districtId: input.district_id,
      place: input.place,
      mobile: input.mobile,
      tel: input.tel ?? null,
      email: input.email ?? null,
    };
  }

  /** A new address; the user's first becomes the default. The cap holds under concurrent creates. */
  async create(userId: number, input: AddressInput): Promise<Address> {
    await this.check(input);
    return transaction(this.context.db, async ({ db }) => {
      // The user's row is the lock: one user's creates take turns, so two cannot both see 19.
      await db.execute(sql`SELECT 1 FROM ${users} WHERE ${users.id} = ${userId} FOR UPDATE`);
      const [live] = await db
        .select({ n: count() })
        .from(addresses)
        .where(and(eq(addresses.userId, userId), eq(addresses.isDeleted, false)));
      if ((live?.n ?? 0) >= ADDRESS_LIMIT) throw fail('address.limit');
      const [created] = await db
        .insert(addresses)
        .values({ userId, ...this.columns(input) })
        .returning({ id: addresses.id });
      await db
        .update(users)
        .set({ defaultAddressId: created!.id })
        .where(and(eq(users.id, userId), isNull(users.defaultAddressId)));
      return this.one(db, userId, created!.id);
    });
  }

  /** A full update, by the same rules as a create. */
  async update(userId: number, id: number, input: AddressInput): Promise<Address> {
    await this.check(input);
    const { db } = this.context;
    const [updated] = await db.update(addresses).set(this.columns(input)).where(owned(userId, id)).returning({ id: addresses.id });
    if (!updated) throw fail('not_found');
    return this.one(db, userId, id);
  }

  /** Soft delete; a deleted default address leaves the user without a default. */
  async remove(userId: number, id: number): Promise<void> {
    await transaction(this.context.db, async ({ db }) => {
      const [deleted] = await db.update(addresses).set({ isDeleted: true }).where(owned(userId, id)).returning({ id: addresses.id });
      if (!deleted) throw fail('not_found');
      await db
        .update(users)
        .set({ defaultAddressId: null })
        .where(and(eq(users.id, userId), eq(users.defaultAddressId, id)));
    });
  }

  /** One statement: the default is set only if the address is the user's and live. */
  async setDefault(userId: number, id: number): Promise<void> {
    const { db } = this.context;
    const [user] = await db
      .update(users)
      .set({ defaultAddressId: id })
      .where(and(eq(users.id, userId), exists(db.select({ one: sql`1` }).from(addresses).where(owned(userId, id)))))
      .returning({ id: users.id });
    if (!user) throw fail('not_found');
  }

  async setTitle(userId: number, id: number, title: string): Promise<{ title: string }> {
    const [updated] = await this.context.db.update(addresses).set({ title }).where(owned(userId, id)).returning({ title: addresses.title });
    if (!updated) throw fail('not_found');
    return updated;
  }
}
