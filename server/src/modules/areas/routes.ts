// HTTP of the areas module: contract §5. Plain arrays, no pagination; cached by browsers too.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { errors } from '../../http/errors.js';
import type { AreaService } from './service.js';

const AreaBrief = Type.Object({ id: Type.Integer(), name: Type.String() });
const AreaWithSubs = Type.Object({ id: Type.Integer(), name: Type.String(), subs: Type.Array(AreaBrief) });
const AreaParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

export const areaRoutes: FastifyPluginAsync<{ areas: AreaService }> = async (app, { areas }) => {
  app.get('/areas/', { config: { maxAge: 3600 }, schema: { response: { 200: Type.Array(AreaBrief) } } }, () => areas.provinces());

  app.get<{ Params: typeof AreaParams.static }>(
    '/areas/:id/',
    { config: { maxAge: 3600 }, schema: { params: AreaParams, response: { 200: AreaWithSubs } } },
    async (request) => {
      const area = await areas.withSubs(request.params.id);
      if (!area) throw errors.notFound();
      return area;
    },
  );
};
