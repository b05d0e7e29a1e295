// HTTP of the contents module: the home page's slots as JSON (the original rendered them).
import { HomeContents } from '@meiduo/contract/contents';
import type { FastifyPluginAsync } from 'fastify';
import type { ContentService } from './service.js';

export const contentRoutes: FastifyPluginAsync<{ contents: ContentService }> = async (app, { contents }) => {
  app.get(
    '/contents/',
    { config: { maxAge: 60 }, schema: { tags: ['contents'], summary: 'The home page’s slots, by key', response: { 200: HomeContents } } },
    () => contents.homeContents(),
  );
};
