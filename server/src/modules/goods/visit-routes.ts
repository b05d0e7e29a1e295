// Category visits over HTTP: the detail page's report of a view (contract §6.6) and the
// dashboard's views per category today (§10.3).
import { CategoryDayViews } from '@meiduo/contract/admin-statistics';
import { CategoryParams } from '@meiduo/contract/goods';
import { Ok } from '@meiduo/contract/verifications';
import type { Static } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { fail } from '../../errors.js';
import { VISIT_REPEAT_SECONDS, type CategoryVisits } from './visits.js';

export const visitRoutes: FastifyPluginAsync<{ visits: CategoryVisits }> = async (app, { visits }) => {
  app.post<{ Params: Static<typeof CategoryParams> }>(
    '/detail/visit/:category_id/',
    {
      config: { errors: ['not_found'] },
      schema: {
        tags: ['goods'],
        summary: 'Counts a view of a third-level category’s detail page',
        description: `No login. An address’s views of one category count once per ${VISIT_REPEAT_SECONDS / 60} minutes (a repeat still answers OK). Unknown or not third-level: 404.`,
        params: CategoryParams,
        response: { 200: Ok },
      },
    },
    async (request) => {
      if (!(await visits.isLeaf(request.params.category_id))) throw fail('not_found');
      await visits.count(request.params.category_id, request.ip);
      return { message: 'OK' };
    },
  );

  app.get(
    '/meiduo_admin/statistical/goods_day_views/',
    {
      config: { permission: 'goods.view_goodscategory' },
      schema: {
        tags: ['meiduo_admin'],
        summary: 'Today’s (Asia/Shanghai) views per third-level category, most viewed first, including views not yet flushed to the database (needs goods.view_goodscategory)',
        response: { 200: CategoryDayViews },
      },
    },
    (): Promise<CategoryDayViews> => visits.today(),
  );
};
