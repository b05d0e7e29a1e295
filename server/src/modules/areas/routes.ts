// HTTP of the areas module: contract §5. Plain arrays, no pagination; cached by browsers too.
import { AreaList, AreaParams, AreaWithSubs } from '@meiduo/contract/areas';
import type { Static } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { fail } from '../../errors.js';
import type { AreaService } from './service.js';

export const areaRoutes: FastifyPluginAsync<{ areas: AreaService }> = async (app, { areas }) => {
  app.get('/areas/', { config: { maxAge: 3600 }, schema: { tags: ['areas'], summary: 'The provinces', response: { 200: AreaList } } }, () =>
    areas.provinces(),
  );

  app.get<{ Params: Static<typeof AreaParams> }>(
    '/areas/:id/',
    {
      config: { maxAge: 3600, errors: ['not_found'] },
      schema: { tags: ['areas'], summary: 'An area and its direct children', params: AreaParams, response: { 200: AreaWithSubs } },
    },
    async (request) => {
      const area = await areas.withSubs(request.params.id);
      if (!area) throw fail('not_found');
      return area;
    },
  );
};
