// The back office's HTTP for the catalogue's pictures, brands and channels (contract §10.6
// `goods/images/`, §10.8, §10.9, §10.10) and channel groups (beyond it). Forms with files are
// multipart (http/uploads.ts); numbers may come as text. Shapes: @meiduo/contract/admin-media.
import { BrandEdit, BrandItem, ChannelGroupInput, ChannelInput, ChannelItem, NewBrand, NewSkuImage, RichTextImage, RichTextImageUrl, SkuImageEdit, SkuImageItem, SkuImageQuery } from '@meiduo/contract/admin-media';
import { IdParams, Named, type PermissionCode } from '@meiduo/contract/admin-permissions';
import { AdminPage, AdminPageQuery } from '@meiduo/contract/admin-users';
import type { ErrorCode } from '@meiduo/contract/errors';
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { actorOf } from '../../http/admin-auth.js';
import { adminList } from '../../http/pagination.js';
import { acceptUploads, fileOf } from '../../http/uploads.js';
import type { BrandService } from './brands.js';
import type { ChannelService } from './channels.js';
import type { SkuPictureService } from './pictures.js';

const TAGS = ['meiduo_admin'];
const NO_CONTENT = { 204: Type.Null() };
const MULTIPART = ['multipart/form-data', 'application/json'];
const UPLOAD_ERRORS: ErrorCode[] = ['upload.not_file', 'upload.empty', 'upload.not_image', 'upload.too_large', 'upload.too_many_pixels', 'upload.too_many_parts', 'body_invalid'];

const route = (permission: PermissionCode, summary: string, schema: Record<string, unknown> = {}, errors: ErrorCode[] = []) => ({
  config: { permission, ...(errors.length ? { errors } : {}) },
  schema: { tags: TAGS, summary: `${summary} (needs ${permission})`, ...schema } as Record<string, TSchema | Record<number, TSchema> | string[] | string>,
});
const id = (params: IdParams) => Number(params.id);
/** An id of a form, or undefined for an empty one. */
const optionalId = (value: number | '' | undefined) => (value === '' || value === undefined ? undefined : value);

export const adminMediaRoutes: FastifyPluginAsync<{ pictures: SkuPictureService; brands: BrandService; channels: ChannelService; maxUploadBytes: number }> = async (
  app,
  { pictures, brands, channels, maxUploadBytes },
) => {
  await acceptUploads(app, { maxBytes: maxUploadBytes });

  // SKU pictures (§10.8)
  app.get<{ Querystring: SkuImageQuery }>(
    '/meiduo_admin/skus/images/',
    route('goods.view_skuimage', 'Lists the SKU pictures (`sku` narrows to one SKU)', { querystring: SkuImageQuery, response: { 200: AdminPage(SkuImageItem) } }),
    adminList((at, query: SkuImageQuery) => pictures.list(at, query.sku ? Number(query.sku) : undefined)),
  );
  app.post<{ Body: NewSkuImage }>(
    '/meiduo_admin/skus/images/',
    route(
      'goods.add_skuimage',
      'Adds a picture to a SKU (multipart `sku`, `image`); a SKU without a default picture takes it',
      { consumes: MULTIPART, body: NewSkuImage, response: { 201: SkuImageItem } },
      [...UPLOAD_ERRORS, 'admin.unknown_ids'],
    ),
    async (request, reply) => reply.code(201).send(await pictures.add(actorOf(request), request.body.sku, fileOf(request.body.image, 'image'))),
  );
  app.get<{ Params: IdParams }>('/meiduo_admin/skus/images/:id/', route('goods.view_skuimage', 'One SKU picture', { params: IdParams, response: { 200: SkuImageItem } }), (request) =>
    pictures.get(id(request.params)),
  );
  for (const method of ['PUT', 'PATCH'] as const) {
    app.route<{ Params: IdParams; Body: SkuImageEdit }>({
      method,
      url: '/meiduo_admin/skus/images/:id/',
      ...route(
        'goods.change_skuimage',
        'Replaces a SKU picture’s file (the old file is deleted); `sku` moves it to that SKU, an empty `sku_id` keeps it',
        { consumes: MULTIPART, params: IdParams, body: SkuImageEdit, response: { 200: SkuImageItem } },
        [...UPLOAD_ERRORS, 'admin.unknown_ids'],
      ),
      handler: (request) => {
        const { sku, sku_id, image } = request.body;
        return pictures.edit(actorOf(request), id(request.params), {
          skuId: optionalId(sku) ?? optionalId(sku_id),
          upload: image === undefined ? undefined : fileOf(image, 'image'),
        });
      },
    });
  }
  app.delete<{ Params: IdParams }>(
    '/meiduo_admin/skus/images/:id/',
    route('goods.delete_skuimage', 'Deletes a SKU picture and its file; a default picture passes to the SKU’s next one', { params: IdParams, response: NO_CONTENT }),
    async (request, reply) => {
      await pictures.remove(actorOf(request), id(request.params));
      return reply.code(204).send();
    },
  );

  // The rich-text editor's pictures (§10.6)
  app.post<{ Body: RichTextImage }>(
    '/meiduo_admin/goods/images/',
    route('goods.change_spu', 'Stores a picture for an SPU description; its absolute URL', { consumes: MULTIPART, body: RichTextImage, response: { 200: RichTextImageUrl } }, UPLOAD_ERRORS),
    (request) => pictures.richTextImage(actorOf(request), fileOf(request.body.image, 'image')),
  );

  // Brands (§10.10)
  app.get<{ Querystring: AdminPageQuery }>(
    '/meiduo_admin/goods/brands/',
    route('goods.view_brand', 'Lists the brands', { querystring: AdminPageQuery, response: { 200: AdminPage(BrandItem) } }),
    adminList((at) => brands.list(at)),
  );
  app.post<{ Body: NewBrand }>(
    '/meiduo_admin/goods/brands/',
    route('goods.add_brand', 'Creates a brand (multipart `name`, `first_letter`, `logo`)', { consumes: MULTIPART, body: NewBrand, response: { 201: BrandItem } }, [...UPLOAD_ERRORS, 'brand.first_letter']),
    async (request, reply) => reply.code(201).send(await brands.create(actorOf(request), request.body, fileOf(request.body.logo, 'logo'))),
  );
  app.get<{ Params: IdParams }>('/meiduo_admin/goods/brands/:id/', route('goods.view_brand', 'One brand', { params: IdParams, response: { 200: BrandItem } }), (request) =>
    brands.get(id(request.params)),
  );
  for (const method of ['PUT', 'PATCH'] as const) {
    app.route<{ Params: IdParams; Body: BrandEdit }>({
      method,
      url: '/meiduo_admin/goods/brands/:id/',
      ...route('goods.change_brand', 'Edits a brand; a new `logo` replaces the old (deleted), none keeps it', { consumes: MULTIPART, params: IdParams, body: BrandEdit, response: { 200: BrandItem } }, [
        ...UPLOAD_ERRORS,
        'brand.first_letter',
      ]),
      handler: (request) => brands.update(actorOf(request), id(request.params), request.body, request.body.logo === undefined ? undefined : fileOf(request.body.logo, 'logo')),
    });
  }
  app.delete<{ Params: IdParams }>(
    '/meiduo_admin/goods/brands/:id/',
    route('goods.delete_brand', 'Deletes a brand no SPU is made by, and its logo', { params: IdParams, response: NO_CONTENT }, ['brand.in_use']),
    async (request, reply) => {
      await brands.remove(actorOf(request), id(request.params));
      return reply.code(204).send();
    },
  );

  // Channels, their groups, the top categories (§10.9)
  app.get<{ Querystring: AdminPageQuery }>(
    '/meiduo_admin/goods/channels/',
    route('goods.view_goodschannel', 'Lists the channels', { querystring: AdminPageQuery, response: { 200: AdminPage(ChannelItem) } }),
    adminList((at) => channels.list(at)),
  );
  const CHANNEL_ERRORS: ErrorCode[] = ['admin.unknown_ids', 'channel.category_not_top', 'channel.category_taken'];
  app.post<{ Body: ChannelInput }>(
    '/meiduo_admin/goods/channels/',
    route('goods.add_goodschannel', 'Creates a channel for a top-level category; the menu shows it at once', { body: ChannelInput, response: { 201: ChannelItem } }, CHANNEL_ERRORS),
    async (request, reply) => reply.code(201).send(await channels.create(actorOf(request), request.body)),
  );
  app.get<{ Params: IdParams }>('/meiduo_admin/goods/channels/:id/', route('goods.view_goodschannel', 'One channel', { params: IdParams, response: { 200: ChannelItem } }), (request) =>
    channels.get(id(request.params)),
  );
  for (const method of ['PUT', 'PATCH'] as const) {
    app.route<{ Params: IdParams; Body: ChannelInput }>({
      method,
      url: '/meiduo_admin/goods/channels/:id/',
      ...route('goods.change_goodschannel', 'Edits a channel', { params: IdParams, body: ChannelInput, response: { 200: ChannelItem } }, CHANNEL_ERRORS),
      handler: (request) => channels.update(actorOf(request), id(request.params), request.body),
    });
  }
  app.delete<{ Params: IdParams }>(
    '/meiduo_admin/goods/channels/:id/',
    route('goods.delete_goodschannel', 'Deletes a channel', { params: IdParams, response: NO_CONTENT }),
    async (request, reply) => {
      await channels.remove(actorOf(request), id(request.params));
      return reply.code(204).send();
    },
  );
  app.get('/meiduo_admin/goods/channel_types/', route('goods.view_goodschannelgroup', 'Every channel group, for the channel form', { response: { 200: Type.Array(Named) } }), () =>
    channels.simpleGroups(),
  );
  app.get('/meiduo_admin/goods/categories/', route('goods.view_goodscategory', 'The top-level categories, for the channel form', { response: { 200: Type.Array(Named) } }), () =>
    channels.topCategories(),
  );

  app.get<{ Querystring: AdminPageQuery }>(
    '/meiduo_admin/goods/channel_groups/',
    route('goods.view_goodschannelgroup', 'Lists the channel groups', { querystring: AdminPageQuery, response: { 200: AdminPage(Named) } }),
    adminList((at) => channels.listGroups(at)),
  );
  app.post<{ Body: ChannelGroupInput }>(
    '/meiduo_admin/goods/channel_groups/',
    route('goods.add_goodschannelgroup', 'Creates a channel group (unique name)', { body: ChannelGroupInput, response: { 201: Named } }, ['channel_group.name_taken']),
    async (request, reply) => reply.code(201).send(await channels.createGroup(actorOf(request), request.body)),
  );
  app.get<{ Params: IdParams }>('/meiduo_admin/goods/channel_groups/:id/', route('goods.view_goodschannelgroup', 'One channel group', { params: IdParams, response: { 200: Named } }), (request) =>
    channels.getGroup(id(request.params)),
  );
  for (const method of ['PUT', 'PATCH'] as const) {
    app.route<{ Params: IdParams; Body: ChannelGroupInput }>({
      method,
      url: '/meiduo_admin/goods/channel_groups/:id/',
      ...route('goods.change_goodschannelgroup', 'Renames a channel group', { params: IdParams, body: ChannelGroupInput, response: { 200: Named } }, ['channel_group.name_taken']),
      handler: (request) => channels.updateGroup(actorOf(request), id(request.params), request.body),
    });
  }
  app.delete<{ Params: IdParams }>(
    '/meiduo_admin/goods/channel_groups/:id/',
    route('goods.delete_goodschannelgroup', 'Deletes an empty channel group', { params: IdParams, response: NO_CONTENT }, ['channel_group.in_use']),
    async (request, reply) => {
      await channels.removeGroup(actorOf(request), id(request.params));
      return reply.code(204).send();
    },
  );
};
