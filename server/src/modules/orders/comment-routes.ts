// HTTP of comments: contract §8.5.
import { CommentInput, CommentSaved, SkuComments, UncommentedLines } from '@meiduo/contract/comments';
import { SkuParams } from '@meiduo/contract/goods';
import { OrderParams } from '@meiduo/contract/payments';
import type { Static } from '@sinclair/typebox';
import type { FastifyPluginAsync, preHandlerAsyncHookHandler } from 'fastify';
import type { CommentService } from './comments.js';

const tags = ['comments'];

type ByOrder = { Params: Static<typeof OrderParams> };

export const commentRoutes: FastifyPluginAsync<{ comments: CommentService; authenticate: preHandlerAsyncHookHandler }> = async (app, { comments, authenticate }) => {
  app.get<ByOrder>(
    '/orders/:order_id/uncommentgoods/',
    { preValidation: authenticate, schema: { tags, summary: 'The lines of a received order still to review', params: OrderParams, response: { 200: UncommentedLines } } },
    (request) => comments.uncommented(request.user!.id, request.params.order_id),
  );

  app.post<ByOrder & { Body: CommentInput }>(
    '/orders/:order_id/comments/',
    { preValidation: authenticate, schema: { tags, summary: 'Review one line of a received order', params: OrderParams, body: CommentInput, response: { 201: CommentSaved } } },
    async (request, reply) => reply.code(201).send(await comments.comment(request.user!.id, request.params.order_id, request.body)),
  );

  app.get<{ Params: Static<typeof SkuParams> }>('/skus/:sku_id/comments/', { schema: { tags, summary: 'A SKU\'s comments, newest first; anonymous names masked', params: SkuParams, response: { 200: SkuComments } } }, (request) =>
    comments.forSku(request.params.sku_id),
  );
};
