// The back office's HTTP for the home page's slots (beyond the original). A content's form is
// multipart with its picture, or JSON without one. Shapes: @meiduo/contract/admin-contents.
import { ContentCategoryItem, ContentInput, ContentItem, ContentQuery } from '@meiduo/contract/admin-contents';
import { IdParams, type PermissionCode } from '@meiduo/contract/admin-permissions';
import { AdminPage } from '@meiduo/contract/admin-users';
import type { ErrorCode } from '@meiduo/contract/errors';
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { actorOf } from '../../http/admin-auth.js';
import { adminList } from '../../http/pagination.js';
import { acceptUploads, fileOf } from '../../http/uploads.js';
import type { ContentAdmin, PictureChange } from './admin.js';

const TAGS = ['meiduo_admin'];
const MULTIPART = ['multipart/form-data', 'application/json'];
const WRITE_ERRORS: ErrorCode[] = ['upload.not_file', 'upload.empty', 'upload.not_image', 'upload.too_large', 'upload.too_many_pixels', 'upload.too_many_parts', 'body_invalid', 'admin.unknown_ids'];

const route = (permission: PermissionCode, summary: string, schema: Record<string, unknown> = {}, errors: ErrorCode[] = []) => ({
  config: { permission, ...(errors.length ? { errors } : {}) },
  schema: { tags: TAGS, summary: `${summary} (needs ${permission})`, ...schema } as Record<string, TSchema | Record<number, TSchema> | string[] | string>,
});

/** The form's `image`: a file, "" to remove the picture, or absent to keep it. */
const pictureOf = (image: unknown): PictureChange => (image === undefined ? undefined : image === '' ? null : fileOf(image, 'image'));

export const adminContentRoutes: FastifyPluginAsync<{ admin: ContentAdmin; maxUploadBytes: number }> = async (app, { admin, maxUploadBytes }) => {
  await acceptUploads(app, { maxBytes: maxUploadBytes });

  app.get('/meiduo_admin/contents/categories/', route('contents.view_contentcategory', 'The home page’s slots (content categories) with their keys', { response: { 200: Type.Array(ContentCategoryItem) } }), () =>
    admin.categories(),
  );
  app.get<{ Querystring: ContentQuery }>(
    '/meiduo_admin/contents/',
    route('contents.view_content', 'Lists the home page’s contents, by slot and place (`category_id` narrows to one slot)', { querystring: ContentQuery, response: { 200: AdminPage(ContentItem) } }),
    adminList((at, query: ContentQuery) => admin.list(at, query.category_id ? Number(query.category_id) : undefined)),
  );
  app.post<{ Body: ContentInput }>(
    '/meiduo_admin/contents/',
    route('contents.add_content', 'Adds a content to a slot (multipart with an optional `image`); the home page shows it at once', { consumes: MULTIPART, body: ContentInput, response: { 201: ContentItem } }, WRITE_ERRORS),
    async (request, reply) => reply.code(201).send(await admin.save(actorOf(request), undefined, request.body, pictureOf(request.body.image) ?? undefined)),
  );
  app.get<{ Params: IdParams }>('/meiduo_admin/contents/:id/', route('contents.view_content', 'One content', { params: IdParams, response: { 200: ContentItem } }), (request) =>
    admin.get(Number(request.params.id)),
  );
  for (const method of ['PUT', 'PATCH'] as const) {
    app.route<{ Params: IdParams; Body: ContentInput }>({
      method,
      url: '/meiduo_admin/contents/:id/',
      ...route('contents.change_content', 'Edits a content; a new `image` replaces the picture, "" removes it, none keeps it', { consumes: MULTIPART, params: IdParams, body: ContentInput, response: { 200: ContentItem } }, WRITE_ERRORS),
      handler: (request) => admin.save(actorOf(request), Number(request.params.id), request.body, pictureOf(request.body.image)),
    });
  }
  app.delete<{ Params: IdParams }>('/meiduo_admin/contents/:id/', route('contents.delete_content', 'Deletes a content and its picture', { params: IdParams, response: { 204: Type.Null() } }), async (request, reply) => {
    await admin.remove(actorOf(request), Number(request.params.id));
    return reply.code(204).send();
  });
};
