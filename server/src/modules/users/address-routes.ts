// HTTP of the address book: contract §3.8. Every route needs a logged-in user.
import { Address, AddressBook, AddressInput, AddressParams, AddressTitle } from '@meiduo/contract/addresses';
import { Ok } from '@meiduo/contract/verifications';
import type { Static } from '@sinclair/typebox';
import type { FastifyPluginAsync, preHandlerAsyncHookHandler } from 'fastify';
import type { ErrorCode } from '../../errors.js';
import { AUTH_ERRORS } from '../../http/auth.js';
import type { AddressService } from './addresses.js';

type ById = { Params: Static<typeof AddressParams> };

/** For the API reference: the hook below answers its 401s on every route here. */
const errors = (...codes: ErrorCode[]) => ({ errors: [...AUTH_ERRORS, ...codes] });
const CHECKS: ErrorCode[] = [
  'user.mobile_format',
  'address.tel_format',
  'address.email_format',
  'address.area_missing',
  'address.province_invalid',
  'address.city_outside_province',
  'address.district_outside_city',
];
const tags = ['addresses'];

export const addressRoutes: FastifyPluginAsync<{ addresses: AddressService; authenticate: preHandlerAsyncHookHandler }> = async (
  app,
  { addresses, authenticate },
) => {
  // Before validation, as DRF authenticates before it reads the body or the id.
  app.addHook('preValidation', authenticate);

  app.get('/addresses/', { config: errors(), schema: { tags, summary: 'The address book', response: { 200: AddressBook } } }, (request) =>
    addresses.book(request.user!.id),
  );

  app.post<{ Body: AddressInput }>(
    '/addresses/',
    { config: errors(...CHECKS, 'address.limit'), schema: { tags, summary: 'Adds an address (at most 20)', body: AddressInput, response: { 201: Address } } },
    async (request, reply) => reply.code(201).send(await addresses.create(request.user!.id, request.body)),
  );

  app.put<ById & { Body: AddressInput }>(
    '/addresses/:address_id/',
    { config: errors(...CHECKS), schema: { tags, summary: 'Replaces an address', params: AddressParams, body: AddressInput, response: { 200: Address } } },
    (request) => addresses.update(request.user!.id, request.params.address_id, request.body),
  );

  app.delete<ById>(
    '/addresses/:address_id/',
    { config: errors(), schema: { tags, summary: 'Deletes an address', params: AddressParams, response: { 204: { type: 'null', description: 'Deleted' } } } },
    async (request, reply) => {
      await addresses.remove(request.user!.id, request.params.address_id);
      return reply.code(204).send();
    },
  );

  // The page sends `{}`; the body is ignored.
  app.put<ById>(
    '/addresses/:address_id/status/',
    { config: errors(), schema: { tags, summary: 'Makes an address the default', params: AddressParams, response: { 200: Ok } } },
    async (request) => {
      await addresses.setDefault(request.user!.id, request.params.address_id);
      return { message: 'OK' };
    },
  );

  app.put<ById & { Body: AddressTitle }>(
    '/addresses/:address_id/title/',
    { config: errors(), schema: { tags, summary: 'Renames an address', params: AddressParams, body: AddressTitle, response: { 200: AddressTitle } } },
    (request) => addresses.setTitle(request.user!.id, request.params.address_id, request.body.title),
  );
};
