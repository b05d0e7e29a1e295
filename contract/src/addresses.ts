// Shapes of the address book (contract §3.8). Lengths bound the input; the field rules are
// address-rules.ts, and the areas are checked against each other by the service.
import { Type, type Static } from '@sinclair/typebox';
import { Id } from './common.js';

/** The URL's `[^/.]+`; anything but a database id is an address that does not exist. */
export const AddressParams = Type.Object({ address_id: Id });

const optionalText = (maxLength: number) => Type.Optional(Type.Union([Type.String({ maxLength }), Type.Null()]));

export const AddressInput = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 20 }),
  receiver: Type.String({ minLength: 1, maxLength: 20 }),
  province_id: Id,
  city_id: Id,
  district_id: Id,
  place: Type.String({ minLength: 1, maxLength: 50 }),
  mobile: Type.String({ minLength: 1, maxLength: 32 }),
  tel: optionalText(20),
  email: optionalText(30),
});
export type AddressInput = Static<typeof AddressInput>;

/** An address as the pages show it: the area names beside their ids, in the contract's order. */
export const Address = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  receiver: Type.String(),
  province: Type.String(),
  city: Type.String(),
  district: Type.String(),
  province_id: Type.Integer(),
  city_id: Type.Integer(),
  district_id: Type.Integer(),
  place: Type.String(),
  mobile: Type.String(),
  tel: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
});
export type Address = Static<typeof Address>;

export const AddressBook = Type.Object({
  user_id: Type.Integer(),
  default_address_id: Type.Union([Type.Integer(), Type.Null()]),
  limit: Type.Integer(),
  addresses: Type.Array(Address),
});
export type AddressBook = Static<typeof AddressBook>;

export const AddressTitle = Type.Object({ title: Type.String({ minLength: 1, maxLength: 20 }) });
export type AddressTitle = Static<typeof AddressTitle>;
