// HTTP of the goods module: contract §6.2–§6.5, plus JSON for what the original rendered into
// static pages (§6.1): the category menu and the SKU detail.
import {
  BrandCount,
  BrandsQuery,
  Breadcrumb,
  CategoryMenu,
  CategoryParams,
  SearchPage,
  SearchQuery,
  SKU_ORDERINGS,
  SkuBrief,
  SkuDetail,
  SkuListQuery,
  SkuPage,
  SkuParams,
  type SkuOrdering,
} from '@meiduo/contract/goods';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { fail } from '../../errors.js';
import type { PageOf } from '../../http/pagination.js';
import { pageRequest } from '../../paging.js';
import type { GoodsService, SkuFilter } from './service.js';

/** An unknown ordering is ignored (contract §6.2): the page's default applies. */
const knownOrdering = (asked: string | undefined): SkuOrdering | undefined => SKU_ORDERINGS.find((ordering) => ordering === asked);

/** The brand and price filter of a list or search query; a range upside down is refused. */
function skuFilter(query: { brand?: number; price_min?: string; price_max?: string }): SkuFilter {
  const { brand, price_min: priceMin, price_max: priceMax } = query;
  // At most 10 significant digits (the schema's pattern): their doubles keep the decimals' order.
  if (priceMin !== undefined && priceMax !== undefined && Number(priceMin) > Number(priceMax)) throw fail('goods.price_range');
  return { brand, priceMin, priceMax };
}

const FILTERS = '`brand` (a brand id), `price_min` and `price_max` (yuan, inclusive) are ours, beside the contract’s parameters.';

export const goodsRoutes: FastifyPluginAsync<{ goods: GoodsService; pageOf: PageOf }> = async (app, { goods, pageOf }) => {
  app.get<{ Params: Static<typeof CategoryParams> }>(
    '/categories/:category_id/',
    {
      config: { maxAge: 600, errors: ['not_found'] },
      schema: { tags: ['goods'], summary: 'A category’s breadcrumb', params: CategoryParams, response: { 200: Breadcrumb } },
    },
    async (request) => (await goods.breadcrumb(request.params.category_id)) ?? Promise.reject(fail('not_found')),
  );

  app.get<{ Params: Static<typeof CategoryParams>; Querystring: Static<typeof SkuListQuery> }>(
    '/categories/:category_id/skus/',
    {
      config: { errors: ['page_invalid', 'not_found', 'goods.price_range'] },
      schema: {
        tags: ['goods'],
        summary: 'A page of a category’s SKUs',
        description: `\`ordering\`: one of ${SKU_ORDERINGS.join(', ')} (anything else: -create_time). ${FILTERS}`,
        params: CategoryParams,
        querystring: SkuListQuery,
        response: { 200: SkuPage },
      },
    },
    async (request) => {
      const at = pageRequest(request.query);
      const filter = skuFilter(request.query);
      if (!(await goods.categoryExists(request.params.category_id))) throw fail('not_found');
      const ordering = knownOrdering(request.query.ordering) ?? '-create_time';
      const { count, results } = await goods.listSkus(request.params.category_id, ordering, at, filter);
      return pageOf(request, at, count, results);
    },
  );

  app.get<{ Params: Static<typeof CategoryParams> }>(
    '/categories/:category_id/brands/',
    {
      config: { maxAge: 60, errors: ['not_found'] },
      schema: {
        tags: ['goods'],
        summary: 'The brands of a category’s SKUs, with their counts (ours: the list’s brand filter)',
        params: CategoryParams,
        response: { 200: Type.Array(BrandCount) },
      },
    },
    async (request) => {
      if (!(await goods.categoryExists(request.params.category_id))) throw fail('not_found');
      return goods.categoryBrands(request.params.category_id);
    },
  );

  app.get<{ Params: Static<typeof CategoryParams> }>(
    '/categories/:category_id/hotskus/',
    {
      config: { maxAge: 600, errors: ['not_found'] },
      schema: { tags: ['goods'], summary: 'A category’s best sellers', params: CategoryParams, response: { 200: Type.Array(SkuBrief) } },
    },
    async (request) => {
      if (!(await goods.categoryExists(request.params.category_id))) throw fail('not_found');
      return goods.hotSkus(request.params.category_id);
    },
  );

  app.get(
    '/goods/categories/',
    { config: { maxAge: 600 }, schema: { tags: ['goods'], summary: 'The category menu, by channel group', response: { 200: CategoryMenu } } },
    () => goods.menu(),
  );

  app.get<{ Params: Static<typeof SkuParams> }>(
    '/skus/:sku_id/',
    {
      // Revalidated on every view (ETag → 304 while the memo holds): its stock, sales and review
      // count must agree with the reviews the same page fetches fresh, also right after a review.
      config: { maxAge: 0, errors: ['not_found'] },
      schema: { tags: ['goods'], summary: 'A SKU’s detail page', params: SkuParams, response: { 200: SkuDetail } },
    },
    async (request) => (await goods.skuDetail(request.params.sku_id)) ?? Promise.reject(fail('not_found')),
  );

  app.get<{ Querystring: Static<typeof SearchQuery> }>(
    '/skus/search/',
    {
      config: { errors: ['page_invalid', 'goods.price_range'] },
      schema: {
        tags: ['goods'],
        summary: 'A page of the SKUs matching `text`',
        description: `\`ordering\` (ours): one of ${SKU_ORDERINGS.join(', ')}; without it (or anything else) the best matches first. ${FILTERS}`,
        querystring: SearchQuery,
        response: { 200: SearchPage },
      },
    },
    async (request) => {
      const at = pageRequest(request.query);
      const filter = skuFilter(request.query);
      const { count, results } = await goods.search(request.query.text ?? '', at, knownOrdering(request.query.ordering), filter);
      return pageOf(request, at, count, results);
    },
  );

  app.get<{ Querystring: Static<typeof BrandsQuery> }>(
    '/skus/search/brands/',
    {
      config: { maxAge: 60 },
      schema: {
        tags: ['goods'],
        summary: 'The brands of the SKUs matching `text`, with their counts (ours: the search’s brand filter)',
        querystring: BrandsQuery,
        response: { 200: Type.Array(BrandCount) },
      },
    },
    (request) => goods.searchBrands(request.query.text ?? ''),
  );
};
