// The back office's HTTP of the catalogue (contract §10.5–§10.7): SKUs, SPUs, specifications,
// options, the pickers of their forms, and the SKU CSV export and import. Fixed paths
// (`skus/simple/`, `goods/specs/`, …) win over the `<pk>` routes: find-my-way tries a static
// segment before a parameter. Shapes: @meiduo/contract/admin-goods.
import {
  IdParams,
  ImportQuery,
  ImportReport,
  OptionInput,
  OptionItem,
  SkuInput,
  SkuItem,
  SkuListQuery,
  SkuPatch,
  SpecInput,
  SpecItem,
  SpuInput,
  SpuItem,
  SpuPatch,
  SpuSpec,
} from '@meiduo/contract/admin-goods';
import type { PermissionCode } from '@meiduo/contract/admin-permissions';
import { AdminPage, AdminPageQuery } from '@meiduo/contract/admin-users';
import { NamedRef } from '@meiduo/contract/common';
import type { ErrorCode } from '@meiduo/contract/errors';
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { actorOf } from '../../http/admin-auth.js';
import { sendCsv } from '../../http/csv.js';
import { adminList } from '../../http/pagination.js';
import { SKU_EXPORT_HEADER, type SkuCsv } from './sku-csv.js';
import type { SkuAdmin } from './sku-admin.js';
import type { SpecAdmin } from './spec-admin.js';
import type { SpuAdmin } from './spu-admin.js';

const TAGS = ['meiduo_admin'];
const NO_CONTENT = { 204: Type.Null() };
/** A CSV import's size cap: about 100,000 rows of `id,price,stock`. */
export const IMPORT_LIMIT = 2 * 1024 * 1024;

const route = (permission: PermissionCode, summary: string, schema: Record<string, TSchema | Record<number, TSchema>> = {}, errors: ErrorCode[] = []) => ({
  config: { permission, errors },
  schema: { tags: TAGS, summary: `${summary} (needs ${permission})`, ...schema },
});

const SKU_ERRORS: ErrorCode[] = ['admin.unknown_ids', 'goods.sku_category', 'goods.spec_not_of_spu', 'goods.option_not_of_spec', 'goods.specs_incomplete', 'goods.spec_repeated', 'field_bad_format', 'field_required'];
const SPU_ERRORS: ErrorCode[] = ['admin.unknown_ids', 'goods.category_chain', 'field_required'];

const created = <T>(reply: FastifyReply, body: T) => reply.code(201).send(body);
const deleted = (reply: FastifyReply) => reply.code(204).send();

export const adminGoodsRoutes: FastifyPluginAsync<{ skuAdmin: SkuAdmin; spuAdmin: SpuAdmin; specAdmin: SpecAdmin; skuCsv: SkuCsv }> = async (app, { skuAdmin, spuAdmin, specAdmin, skuCsv }) => {
  // The import's body: a CSV file sent as is (text/csv).
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: IMPORT_LIMIT }, (_request, body, done) => done(null, body));

  // SKUs (§10.5)
  app.get<{ Querystring: SkuListQuery }>(
    '/meiduo_admin/skus/',
    route('goods.view_sku', 'Lists the SKUs, oldest first; `keyword` anywhere in the name', { querystring: SkuListQuery, response: { 200: AdminPage(SkuItem) } }, ['page_invalid']),
    adminList((at, query: SkuListQuery) => skuAdmin.list(at, query.keyword)),
  );
  app.post<{ Body: SkuInput }>(
    '/meiduo_admin/skus/',
    route('goods.add_sku', 'Creates a SKU with one option per spec of its SPU, in one transaction', { body: SkuInput, response: { 201: SkuItem } }, SKU_ERRORS),
    async (request, reply) => created(reply, await skuAdmin.create(actorOf(request), request.body)),
  );
  app.get('/meiduo_admin/skus/simple/', route('goods.view_sku', 'Every SKU, for the picture form', { response: { 200: Type.Array(NamedRef) } }), () => skuAdmin.simple());
  app.get('/meiduo_admin/skus/categories/', route('goods.view_goodscategory', 'The third-level categories, for the SKU form', { response: { 200: Type.Array(NamedRef) } }), () =>
    skuAdmin.leafCategories(),
  );
  app.get(
    '/meiduo_admin/skus/export/',
    route('goods.view_sku', 'Every SKU as CSV (UTF-8 with a BOM): id,name,spu,category,price,cost_price,market_price,stock,sales,is_launched'),
    (_request, reply) => sendCsv(reply, 'skus.csv', SKU_EXPORT_HEADER, skuCsv.exportPages()),
  );
  app.post<{ Querystring: ImportQuery; Body: string }>(
    '/meiduo_admin/skus/import/',
    {
      ...route(
        'goods.change_sku',
        'Sets SKU prices and stock from a `text/csv` body `id,price,stock`: every bad row is reported (400, the same report body), and nothing is written unless all are good; `?dry_run=1` only checks',
        { querystring: ImportQuery, body: Type.String({ maxLength: IMPORT_LIMIT }), response: { 200: ImportReport } },
        ['goods.csv_header', 'media_type_unsupported', 'body_too_large'],
      ),
      bodyLimit: IMPORT_LIMIT,
    },
    async (request, reply) => {
      const dryRun = ['1', 'true'].includes(request.query.dry_run ?? '');
      const report = await skuCsv.import(actorOf(request), request.body, dryRun);
      return reply.code(report.errors.length ? 400 : 200).send(report);
    },
  );
  app.get<{ Params: IdParams }>('/meiduo_admin/skus/:id/', route('goods.view_sku', 'One SKU with its spec options', { params: IdParams, response: { 200: SkuItem } }, ['not_found']), (request) =>
    skuAdmin.get(request.params.id),
  );
  app.put<{ Params: IdParams; Body: SkuInput }>(
    '/meiduo_admin/skus/:id/',
    route('goods.change_sku', 'Replaces a SKU and its spec options', { params: IdParams, body: SkuInput, response: { 200: SkuItem } }, [...SKU_ERRORS, 'not_found']),
    (request) => skuAdmin.update(actorOf(request), request.params.id, request.body),
  );
  app.patch<{ Params: IdParams; Body: SkuPatch }>(
    '/meiduo_admin/skus/:id/',
    route('goods.change_sku', 'Changes the fields sent of a SKU (its spec options stay unless sent)', { params: IdParams, body: SkuPatch, response: { 200: SkuItem } }, [...SKU_ERRORS, 'not_found']),
    (request) => skuAdmin.update(actorOf(request), request.params.id, request.body),
  );
  app.delete<{ Params: IdParams }>(
    '/meiduo_admin/skus/:id/',
    route('goods.delete_sku', 'Deletes a SKU that no order names (take such a SKU off sale instead)', { params: IdParams, response: NO_CONTENT }, ['not_found', 'goods.sku_ordered']),
    async (request, reply) => {
      await skuAdmin.remove(actorOf(request), request.params.id);
      return deleted(reply);
    },
  );

  // SPUs and the pickers of their forms (§10.6)
  app.get<{ Querystring: AdminPageQuery }>(
    '/meiduo_admin/goods/',
    route('goods.view_spu', 'Lists the SPUs, oldest first', { querystring: AdminPageQuery, response: { 200: AdminPage(SpuItem) } }, ['page_invalid']),
    adminList((at) => spuAdmin.list(at)),
  );
  app.post<{ Body: SpuInput }>(
    '/meiduo_admin/goods/',
    route('goods.add_spu', 'Creates an SPU; its descriptions are cleaned of scripts, handlers, styles and unsafe URLs', { body: SpuInput, response: { 201: SpuItem } }, SPU_ERRORS),
    async (request, reply) => created(reply, await spuAdmin.create(actorOf(request), request.body)),
  );
  app.get('/meiduo_admin/goods/simple/', route('goods.view_spu', 'Every SPU, for the SKU and spec forms', { response: { 200: Type.Array(NamedRef) } }), () => spuAdmin.simple());
  app.get('/meiduo_admin/goods/brands/simple/', route('goods.view_brand', 'Every brand, for the SPU form', { response: { 200: Type.Array(NamedRef) } }), () => spuAdmin.brands());
  app.get('/meiduo_admin/goods/channel/categories/', route('goods.view_goodscategory', 'The top-level categories, for the SPU form', { response: { 200: Type.Array(NamedRef) } }), () =>
    spuAdmin.categories(),
  );
  app.get<{ Params: IdParams }>(
    '/meiduo_admin/goods/channel/categories/:id/',
    route('goods.view_goodscategory', 'The children of a category, for the SPU form’s second and third levels', { params: IdParams, response: { 200: Type.Array(NamedRef) } }, ['not_found']),
    (request) => spuAdmin.categories(request.params.id),
  );
  // `goods/<spu_id>/specs/`: named `id` as `goods/<pk>/` is (one parameter name per position in the router).
  app.get<{ Params: IdParams }>(
    '/meiduo_admin/goods/:id/specs/',
    route('goods.view_spuspecification', 'The specs of an SPU with their options, for the SKU form', { params: IdParams, response: { 200: Type.Array(SpuSpec) } }, ['not_found']),
    (request) => spuAdmin.specsOf(request.params.id),
  );

  // Specifications (§10.7); before `goods/<pk>/`, though a static segment wins anyway.
  app.get<{ Querystring: AdminPageQuery }>(
    '/meiduo_admin/goods/specs/',
    route('goods.view_spuspecification', 'Lists the specifications', { querystring: AdminPageQuery, response: { 200: AdminPage(SpecItem) } }, ['page_invalid']),
    adminList((at) => specAdmin.listSpecs(at)),
  );
  app.post<{ Body: SpecInput }>(
    '/meiduo_admin/goods/specs/',
    route('goods.add_spuspecification', 'Creates a specification of an SPU', { body: SpecInput, response: { 201: SpecItem } }, ['admin.unknown_ids']),
    async (request, reply) => created(reply, await specAdmin.saveSpec(actorOf(request), undefined, request.body)),
  );
  app.get('/meiduo_admin/goods/specs/simple/', route('goods.view_spuspecification', 'Every specification, for the option form', { response: { 200: Type.Array(NamedRef) } }), () =>
    specAdmin.simpleSpecs(),
  );
  app.get<{ Params: IdParams }>('/meiduo_admin/goods/specs/:id/', route('goods.view_spuspecification', 'One specification', { params: IdParams, response: { 200: SpecItem } }, ['not_found']), (request) =>
    specAdmin.getSpec(request.params.id),
  );
  for (const method of ['put', 'patch'] as const) {
    app[method]<{ Params: IdParams; Body: SpecInput }>(
      '/meiduo_admin/goods/specs/:id/',
      route('goods.change_spuspecification', 'Renames a specification or moves it to another SPU (not one SKUs use)', { params: IdParams, body: SpecInput, response: { 200: SpecItem } }, ['not_found', 'admin.unknown_ids', 'goods.spec_in_use']),
      (request) => specAdmin.saveSpec(actorOf(request), request.params.id, request.body),
    );
  }
  app.delete<{ Params: IdParams }>(
    '/meiduo_admin/goods/specs/:id/',
    route('goods.delete_spuspecification', 'Deletes a specification and its options, unless a SKU uses them', { params: IdParams, response: NO_CONTENT }, ['not_found', 'goods.spec_in_use']),
    async (request, reply) => {
      await specAdmin.deleteSpec(actorOf(request), request.params.id);
      return deleted(reply);
    },
  );

  // Options (§10.7)
  app.get<{ Querystring: AdminPageQuery }>(
    '/meiduo_admin/specs/options/',
    route('goods.view_specificationoption', 'Lists the specification options', { querystring: AdminPageQuery, response: { 200: AdminPage(OptionItem) } }, ['page_invalid']),
    adminList((at) => specAdmin.listOptions(at)),
  );
  app.post<{ Body: OptionInput }>(
    '/meiduo_admin/specs/options/',
    route('goods.add_specificationoption', 'Creates an option of a specification', { body: OptionInput, response: { 201: OptionItem } }, ['admin.unknown_ids']),
    async (request, reply) => created(reply, await specAdmin.saveOption(actorOf(request), undefined, request.body)),
  );
  app.get<{ Params: IdParams }>('/meiduo_admin/specs/options/:id/', route('goods.view_specificationoption', 'One option', { params: IdParams, response: { 200: OptionItem } }, ['not_found']), (request) =>
    specAdmin.getOption(request.params.id),
  );
  for (const method of ['put', 'patch'] as const) {
    app[method]<{ Params: IdParams; Body: OptionInput }>(
      '/meiduo_admin/specs/options/:id/',
      route('goods.change_specificationoption', 'Changes an option (moves it to another spec only if no SKU chose it)', { params: IdParams, body: OptionInput, response: { 200: OptionItem } }, ['not_found', 'admin.unknown_ids', 'goods.option_in_use']),
      (request) => specAdmin.saveOption(actorOf(request), request.params.id, request.body),
    );
  }
  app.delete<{ Params: IdParams }>(
    '/meiduo_admin/specs/options/:id/',
    route('goods.delete_specificationoption', 'Deletes an option no SKU chose', { params: IdParams, response: NO_CONTENT }, ['not_found', 'goods.option_in_use']),
    async (request, reply) => {
      await specAdmin.deleteOption(actorOf(request), request.params.id);
      return deleted(reply);
    },
  );

  // One SPU: after every fixed path under goods/.
  app.get<{ Params: IdParams }>('/meiduo_admin/goods/:id/', route('goods.view_spu', 'One SPU', { params: IdParams, response: { 200: SpuItem } }, ['not_found']), (request) => spuAdmin.get(request.params.id));
  app.put<{ Params: IdParams; Body: SpuInput }>(
    '/meiduo_admin/goods/:id/',
    route('goods.change_spu', 'Replaces an SPU (its SKUs follow its third-level category)', { params: IdParams, body: SpuInput, response: { 200: SpuItem } }, [...SPU_ERRORS, 'not_found']),
    (request) => spuAdmin.update(actorOf(request), request.params.id, request.body),
  );
  app.patch<{ Params: IdParams; Body: SpuPatch }>(
    '/meiduo_admin/goods/:id/',
    route('goods.change_spu', 'Changes the fields sent of an SPU', { params: IdParams, body: SpuPatch, response: { 200: SpuItem } }, [...SPU_ERRORS, 'not_found']),
    (request) => spuAdmin.update(actorOf(request), request.params.id, request.body),
  );
  app.delete<{ Params: IdParams }>(
    '/meiduo_admin/goods/:id/',
    route('goods.delete_spu', 'Deletes an SPU with its SKUs, specs and options, unless an order names one of its SKUs', { params: IdParams, response: NO_CONTENT }, ['not_found', 'goods.spu_ordered']),
    async (request, reply) => {
      await spuAdmin.remove(actorOf(request), request.params.id);
      return deleted(reply);
    },
  );
};
