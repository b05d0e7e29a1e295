// Contract §5 through HTTP, on the full division data set the seed loads.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areas } from '../../db/schema/index.js';
import { startTestMall, type TestMall } from '../../../test/harness.js';

let mall: TestMall;
beforeAll(async () => {
  mall = await startTestMall();
});
afterAll(() => mall.close());

describe('GET /areas/', () => {
  it('lists the provinces in code order', async () => {
    const response = await mall.get('/areas/');
    expect(response.status).toBe(200);
    expect(response.body.length).toBeGreaterThanOrEqual(31);
    expect(response.body[0]).toEqual({ id: 110000, name: '北京市' });
    const ids = response.body.map((area: { id: number }) => area.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(response.body.map((area: { name: string }) => area.name)).toContain('广东省');
  });

  it('is cacheable, and answers 304 to a matching If-None-Match', async () => {
    const first = await mall.get('/areas/');
    expect(first.headers.get('cache-control')).toBe('public, max-age=3600');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await mall.get('/areas/', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
  });
});

describe('GET /areas/<id>/', () => {
  it('answers a province with its cities, a city with its districts', async () => {
    const province = await mall.get('/areas/440000/');
    expect(province.status).toBe(200);
    expect(province.body).toMatchObject({ id: 440000, name: '广东省' });
    expect(province.body.subs).toContainEqual({ id: 440100, name: '广州市' });
    const city = await mall.get('/areas/440100/');
    expect(city.body.subs).toContainEqual({ id: 440106, name: '天河区' });
  });

  it('answers a district with no subs', async () => {
    const district = await mall.get('/areas/440106/');
    expect(district).toMatchObject({ status: 200, body: { id: 440106, name: '天河区', subs: [] } });
  });

  it('stays correct after the area data changes (memo invalidated)', async () => {
    expect((await mall.get('/areas/440106/')).body.name).toBe('天河区');
    await mall.context.db.update(areas).set({ name: '天河新区' }).where(eq(areas.id, 440106));
    await mall.services.areas.areasChanged();
    expect((await mall.get('/areas/440106/')).body.name).toBe('天河新区');
  });

  it.each(['/areas/999999/', '/areas/0/', '/areas/abc/', '/areas/-1/', '/areas/99999999999/'])('answers 404 JSON for %s', async (path) => {
    const response = await mall.get(path);
    expect(response).toMatchObject({ status: 404, body: { detail: '未找到。' } });
  });
});
