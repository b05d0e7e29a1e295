// HTTP of the goods module: contract §6.2–§6.5, plus JSON for what the original rendered into
// static pages (§6.1): the category menu and the SKU detail.
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { errors } from '../../http/errors.js';
import { pageOf, pageRequest, PageQuery } from '../../http/pagination.js';
import { SKU_ORDERINGS, type GoodsService, type SkuOrdering } from './service.js';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const CategoryParams = Type.Object({ category_id: Id });
const SkuParams = Type.Object({ sku_id: Id });
const Brief = Type.Object({ id: Type.Integer(), name: Type.String() });
export const SkuBrief = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  price: Type.String(),
  default_image_url: Type.String(),
  comments: Type.Integer(),
});
const Breadcrumb = Type.Object({
  cat1: Type.Object({ url: Type.String(), category: Brief }),
  cat2: Type.Union([Brief, Type.Literal('')]),
  cat3: Type.Union([Brief, Type.Literal('')]),
});
const paged = (item: TSchema) =>
  Type.Object({ count: Type.Integer(), next: Type.Union([Type.String(), Type.Null()]), previous: Type.Union([Type.String(), Type.Null()]), results: Type.Array(item) });
const Menu = Type.Record(
  Type.String(),
  Type.Object({
    channels: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), url: Type.String() })),
    sub_cats: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), sub_cats: Type.Array(Brief) })),
  }),
);
const Detail = Type.Object({
  sku: Type.Object({
    id: Type.Integer(),
    name: Type.String(),
    caption: Type.String(),
    price: Type.String(),
    market_price: Type.String(),
    stock: Type.Integer(),
    sales: Type.Integer(),
    comments: Type.Integer(),
    default_image_url: Type.String(),
    images: Type.Array(Type.String()),
  }),
  goods: Type.Object({ id: Type.Integer(), name: Type.String(), desc_detail: Type.String(), desc_pack: Type.String(), desc_service: Type.String() }),
  breadcrumb: Breadcrumb,
  category_id: Type.Integer(),
  specs: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      options: Type.Array(Type.Object({ id: Type.Integer(), value: Type.String(), sku_id: Type.Union([Type.Integer(), Type.Null()]) })),
    }),
  ),
});
const ListQuery = Type.Object({ ...PageQuery, ordering: Type.Optional(Type.String({ maxLength: 20 })) });
const SearchQuery = Type.Object({ ...PageQuery, text: Type.Optional(Type.String({ maxLength: 100 })) });


export const goodsRoutes: FastifyPluginAsync<{ goods: GoodsService }> = async (app, { goods }) => {
  app.get<{ Params: typeof CategoryParams.static }>(
    '/categories/:category_id/',
    { config: { maxAge: 600 }, schema: { params: CategoryParams, response: { 200: Breadcrumb } } },
    async (request) => (await goods.breadcrumb(request.params.category_id)) ?? Promise.reject(errors.notFound()),
  );

  app.get<{ Params: typeof CategoryParams.static; Querystring: typeof ListQuery.static }>(
    '/categories/:category_id/skus/',
    { schema: { params: CategoryParams, querystring: ListQuery, response: { 200: paged(SkuBrief) } } },
    async (request) => {
      const at = pageRequest(request.query);
      if (!(await goods.categoryExists(request.params.category_id))) throw errors.notFound();
      // An unknown ordering is ignored (contract §6.2): the page's default applies.
      const asked = request.query.ordering as SkuOrdering;
      const ordering = SKU_ORDERINGS.includes(asked) ? asked : '-create_time';
      const { count, results } = await goods.listSkus(request.params.category_id, ordering, at);
      return pageOf(request, at, count, results);
    },
  );

  app.get<{ Params: typeof CategoryParams.static }>(
    '/categories/:category_id/hotskus/',
    { config: { maxAge: 600 }, schema: { params: CategoryParams, response: { 200: Type.Array(SkuBrief) } } },
    async (request) => {
      if (!(await goods.categoryExists(request.params.category_id))) throw errors.notFound();
      return goods.hotSkus(request.params.category_id);
    },
  );

  app.get('/goods/categories/', { config: { maxAge: 600 }, schema: { response: { 200: Menu } } }, () => goods.menu());

  app.get<{ Params: typeof SkuParams.static }>(
    '/skus/:sku_id/',
    { config: { maxAge: 60 }, schema: { params: SkuParams, response: { 200: Detail } } },
    async (request) => (await goods.skuDetail(request.params.sku_id)) ?? Promise.reject(errors.notFound()),
  );

  app.get<{ Querystring: typeof SearchQuery.static }>(
    '/skus/search/',
    { schema: { querystring: SearchQuery, response: { 200: paged(Type.Object({ text: Type.String(), object: SkuBrief })) } } },
    async (request) => {
      const at = pageRequest(request.query);
      const { count, results } = await goods.search(request.query.text ?? '', at);
      return pageOf(request, at, count, results);
    },
  );
};
