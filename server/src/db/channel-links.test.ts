// The 0008 data migration: channels still on the original's unresolvable channel sites are
// pointed at our own list page, computed in SQL exactly as the seed now builds it.
import { readFile } from 'node:fs/promises';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from './schema/index.js';
import { startTestMall, type TestMall } from '../../test/harness.js';

let mall: TestMall;
beforeAll(async () => {
  mall = await startTestMall();
});
afterAll(() => mall.close());

describe('migration 0008_channel_links', () => {
  it("gives an old channel link the seed's list-page URL, and leaves an operator's own URL alone", async () => {
    const { db } = mall.context;
    const [first, second] = await db.select({ id: channels.id, url: channels.url }).from(channels).orderBy(channels.id).limit(2);
    expect(first!.url).toMatch(/^\/list\.html\?cat=\d+$/);
    await db.update(channels).set({ url: 'http://channel.meiduo.site/shouji/' }).where(eq(channels.id, first!.id));
    await db.update(channels).set({ url: 'https://promo.example.com/' }).where(eq(channels.id, second!.id));
    const migration = await readFile(new URL('./migrations/0008_channel_links.sql', import.meta.url), 'utf8');
    await db.execute(sql.raw(migration));
    const after = await db.select({ id: channels.id, url: channels.url }).from(channels).orderBy(channels.id).limit(2);
    expect(after).toEqual([first, { id: second!.id, url: 'https://promo.example.com/' }]);
  });
});
