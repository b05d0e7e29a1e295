// HTTP of the contents module: the home page's slots as JSON (the original rendered them).
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { ContentService } from './service.js';

const Item = Type.Object({
  title: Type.String(),
  url: Type.String(),
  image: Type.Union([Type.String(), Type.Null()]),
  text: Type.Union([Type.String(), Type.Null()]),
});

export const contentRoutes: FastifyPluginAsync<{ contents: ContentService }> = async (app, { contents }) => {
  app.get('/contents/', { config: { maxAge: 60 }, schema: { response: { 200: Type.Record(Type.String(), Type.Array(Item)) } } }, () =>
    contents.homeContents(),
  );
};
