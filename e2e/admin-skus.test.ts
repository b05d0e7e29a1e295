// The back office's SKU and picture screens in a real browser against the real API: a SKU made
// through the form (one select per spec of its SPU) as the storefront then shows it, the
// contract's rules beside the fields with nothing sent, a price edited in its row, a SKU taken
// off sale, a CSV import checked row by row before it may run, the export, a picture uploaded
// with its progress and deleted after a confirmation, and buttons that follow permissions.
import { readFile } from 'node:fs/promises';
import type { Request } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeStaff, picture, specifiedSpu, type SpecifiedSpu, type Staff } from '../server/test/fixtures.js';
import { useBackOffice } from './back-office.js';
import { at, screenshot } from './browser.js';

const shop = useBackOffice();
const { byTestId, admin, logIn, settled, formError } = shop;

let root: Staff;
let spu: SpecifiedSpu;
/** The spec names and option values the form shows for `spu`. */
let specs: { id: number; name: string; options: { id: number; value: string }[] }[];
const name = `后台测试SKU ${Date.now().toString(36)}`;
/** The SKU the form creates; later tests edit it. */
let skuId: number;

beforeAll(async () => {
  root = await makeStaff(shop.mall, { superuser: true });
  spu = await specifiedSpu(shop.mall);
  specs = (await shop.mall.get(`/meiduo_admin/goods/${spu.id}/specs/`, root.auth)).body;
});

const api = (path: string) => shop.mall.get(`/meiduo_admin/${path}`, root.auth);
const skuNow = async () => (await api(`skus/${skuId}/`)).body;
/** The visible dropdown's option named exactly `label` (Element Plus renders it in a popper). */
const option = (label: string) => shop.page.locator('.el-select-dropdown:visible').getByRole('option', { name: label, exact: true });

async function pick(testId: string, label: string): Promise<void> {
  await byTestId(testId).click();
  await option(label).click();
  await expect.poll(() => shop.page.locator('.el-select-dropdown:visible').count()).toBe(0);
}

/** Every write the page sends to `path` (a form that fails its rules sends none). */
function writesTo(path: string): Request[] {
  const sent: Request[] = [];
  shop.page.on('request', (request) => {
    if (request.method() !== 'GET' && new URL(request.url()).pathname === path) sent.push(request);
  });
  return sent;
}

/**
 * The storefront's detail page of the SKU as a new shopper sees it: a fresh browser context, as
 * the API lets browsers keep a detail for minutes (this window has seen the old one).
 */
async function storefrontDetail(id: number): Promise<{ name: string | null; price: string | null }> {
  const shopper = await shop.page.context().browser()!.newPage();
  try {
    await shopper.goto(`${shop.mall.webUrl}/goods/${id}.html`);
    await expect.poll(() => shopper.getByTestId('detail-name').count()).toBe(1);
    return { name: await shopper.getByTestId('detail-name').textContent(), price: await shopper.getByTestId('detail-price').textContent() };
  } finally {
    await shopper.close();
  }
}

/** The first answer of a list has come (the first call of a screen may be slow on a cold server). */
const listed = (testId: string) => expect.poll(() => byTestId(testId).locator('tbody tr').count(), { timeout: 15_000 }).toBeGreaterThan(0);

async function searchSkus(keyword: string): Promise<void> {
  await byTestId('skus-keyword').fill(keyword);
  await byTestId('skus-search').click();
  await expect.poll(() => byTestId('skus-table').locator('tbody tr').count(), { timeout: 15_000 }).toBe(1);
}

describe('the SKU screen', () => {
  it('creates a SKU of a demo SPU with a select per spec; the rules first, then the storefront shows it', async () => {
    const { page } = shop;
    await page.goto(admin('/login'));
    await logIn(root.username);
    await page.waitForURL(at('/'));
    await byTestId('menu-group-商品管理').click();
    await byTestId('menu-skus').click();
    await page.waitForURL(at('/skus'));
    await listed('skus-table');

    await byTestId('skus-add').click();
    await pick('sku-spu', spu.name);
    for (const spec of specs) await expect.poll(() => byTestId(`sku-spec-${spec.id}`).count()).toBe(1);
    const chosen = specs.map((spec) => spec.options[1]!);
    for (const [index, spec] of specs.entries()) await pick(`sku-spec-${spec.id}`, chosen[index]!.value);
    await byTestId('sku-name').fill(name);
    await byTestId('sku-caption').fill('后台新建的测试商品');
    await byTestId('sku-cost-price').fill('5000');
    await byTestId('sku-market-price').fill('6999');

    // The contract's rules beside the fields, and nothing sent.
    const sent = writesTo('/meiduo_admin/skus/');
    await byTestId('sku-price').fill('64.999');
    await byTestId('sku-stock').fill('-1');
    await byTestId('sku-save').click();
    await expect.poll(() => formError('sku-price').textContent()).toBe('请填写有效的金额（最多两位小数）。');
    await expect.poll(() => formError('sku-stock').textContent()).toBe('库存必须是非负整数。');
    expect(await formError('sku-name').count()).toBe(0);
    expect(sent).toHaveLength(0);

    await byTestId('sku-price').fill('6499');
    await byTestId('sku-stock').fill('100');
    await expect.poll(() => byTestId('sku-category').inputValue()).not.toBe('');
    await byTestId('sku-save').click();
    await expect.poll(() => page.locator('.el-message--success').textContent()).toContain(name);
    expect(sent).toHaveLength(1);

    const found = (await api(`skus/?keyword=${encodeURIComponent(name)}`)).body;
    expect(found.count).toBe(1);
    skuId = found.lists[0].id;
    expect(await skuNow()).toMatchObject({
      name,
      spu_id: spu.id,
      category_id: spu.category3Id,
      price: '6499.00',
      cost_price: '5000.00',
      market_price: '6999.00',
      stock: 100,
      is_launched: true,
      specs: specs.map((spec, index) => ({ spec_id: spec.id, option_id: chosen[index]!.id })),
    });
    // The list turned to the page that shows it.
    await expect.poll(() => byTestId('skus-table').textContent()).toContain(name);

    expect(await storefrontDetail(skuId)).toEqual({ name, price: '¥ 6499.00' });
  });

  it('edits the SKU in its form: the options chosen are shown, and the API field errors land beside the fields', async () => {
    const { page } = shop;
    await page.goto(admin('/skus'));
    await searchSkus(name);
    await byTestId(`sku-edit-${skuId}`).click();
    await expect.poll(() => byTestId('sku-name').inputValue()).toBe(name);
    const first = specs[0]!;
    await expect.poll(() => byTestId(`sku-spec-${first.id}`).textContent()).toContain(first.options[1]!.value);
    await pick(`sku-spec-${first.id}`, first.options[0]!.value);
    await byTestId('sku-stock').fill('80');
    // No field focused in the picture.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.mouse.move(0, 0);
    await settled();
    await screenshot(page, 'admin-sku-editor.png', false);
    await byTestId('sku-save').click();
    await expect.poll(async () => (await skuNow()).stock).toBe(80);
    expect((await skuNow()).specs[0]).toEqual({ spec_id: first.id, option_id: first.options[0]!.id });
  });

  it('edits the price in the row: a bad value or a refusal shows and keeps the old one, Esc cancels, Enter saves', async () => {
    const { page } = shop;
    await page.goto(admin('/skus'));
    await searchSkus(name);
    const cell = (part: string) => byTestId(`sku-price-${skuId}-${part}`);
    const input = () => cell('input');

    await cell('value').click();
    await input().fill('12.345');
    await input().press('Enter');
    await expect.poll(() => cell('error').textContent()).toBe('请填写有效的金额（最多两位小数）。');
    await expect.poll(() => cell('value').textContent()).toBe('6499.00');

    // A refusal by the API: the page's own check passed, the answer says why.
    await page.route(`${shop.mall.url}/meiduo_admin/skus/${skuId}/`, (route) =>
      route.request().method() === 'PATCH' ? route.fulfill({ status: 400, contentType: 'application/json', body: '{"price":["价格不能这样改。"]}' }) : route.fallback(),
    );
    await cell('value').click();
    await input().fill('1');
    await input().press('Enter');
    await expect.poll(() => cell('error').textContent()).toBe('价格不能这样改。');
    await expect.poll(() => cell('value').textContent()).toBe('6499.00');
    await page.unroute(`${shop.mall.url}/meiduo_admin/skus/${skuId}/`);

    await cell('value').click();
    await input().fill('1');
    await input().press('Escape');
    await expect.poll(() => cell('value').textContent()).toBe('6499.00');
    expect((await skuNow()).price).toBe('6499.00');

    await cell('value').click();
    await input().fill('5888.5');
    await input().press('Enter');
    await expect.poll(() => cell('value').textContent()).toBe('5888.50');
    expect(await cell('error').count()).toBe(0);
    await settled();
    await screenshot(page, 'admin-skus.png', false);
    expect((await skuNow()).price).toBe('5888.50');

    // Leaving the field saves too.
    await byTestId(`sku-stock-${skuId}-value`).click();
    await byTestId(`sku-stock-${skuId}-input`).fill('75');
    await byTestId('skus-keyword').click();
    await expect.poll(async () => (await skuNow()).stock).toBe(75);

    expect(await storefrontDetail(skuId)).toEqual({ name, price: '¥ 5888.50' });
  });

  it('checks a CSV before importing it: a bad row is reported by its line and nothing changes; a good file imports', async () => {
    const { page } = shop;
    await page.goto(admin('/skus'));
    await searchSkus(name);
    await byTestId('skus-import').click();
    const sent = writesTo('/meiduo_admin/skus/import/');
    const file = (text: string) => ({ name: 'prices.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });

    await byTestId('sku-import-file').setInputFiles(file(`id,price,stock\n${skuId},88.8,9\n${skuId + 100000},abc,-1\n`));
    const report = byTestId('sku-import-report').locator('tbody tr');
    await expect.poll(() => report.count()).toBe(1);
    await expect.poll(() => report.first().textContent()).toContain('3');
    await expect.poll(() => report.first().textContent()).toContain('不是有效的价格');
    await expect.poll(() => byTestId('sku-import-summary').textContent()).toContain('1 行有误');
    expect(await byTestId('sku-import-apply').count()).toBe(0);
    await settled();
    await screenshot(page, 'admin-sku-import.png', false);
    expect(sent.map((request) => new URL(request.url()).search)).toEqual(['?dry_run=1']);
    expect(await skuNow()).toMatchObject({ price: '5888.50', stock: 75 });

    await byTestId('sku-import-file').setInputFiles(file(`id,price,stock\r\n${skuId},88.8,9\r\n`));
    await expect.poll(() => byTestId('sku-import-summary').textContent()).toContain('检查通过');
    expect(await skuNow()).toMatchObject({ price: '5888.50', stock: 75 });
    await byTestId('sku-import-apply').click();
    await expect.poll(() => page.locator('.el-message--success').textContent()).toContain('已导入 1 个SKU');
    expect(await skuNow()).toMatchObject({ price: '88.80', stock: 9 });
    await expect.poll(() => byTestId(`sku-price-${skuId}-value`).textContent()).toBe('88.80');
  });

  it('exports every SKU as CSV with the token', async () => {
    const { page } = shop;
    const [download] = await Promise.all([page.waitForEvent('download'), byTestId('skus-export').click()]);
    expect(download.suggestedFilename()).toBe('skus.csv');
    const text = await readFile((await download.path())!, 'utf8');
    expect(text.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe('id,name,spu,category,price,cost_price,market_price,stock,sales,is_launched');
    expect(text).toContain(`${skuId},${name},`);
  });

  it('takes the SKU off sale with its switch: the storefront no longer shows it', async () => {
    expect((await shop.mall.get(`/skus/${skuId}/`)).status).toBe(200);
    await byTestId(`sku-launched-${skuId}`).click();
    await expect.poll(async () => (await skuNow()).is_launched).toBe(false);
    expect((await shop.mall.get(`/skus/${skuId}/`)).status).toBe(404);
  });
});

describe('the picture screen', () => {
  it('uploads a picture with a preview and its progress, shows it, and deletes it after asking', async () => {
    const { page } = shop;
    await page.goto(admin('/pictures'));
    await listed('pictures-table');
    // The new SKU has no pictures yet: an empty state.
    await pick('pictures-sku', name);
    await expect.poll(() => byTestId('pictures-table').textContent()).toContain('该SKU还没有图片');
    await byTestId('pictures-add').click();
    await pick('picture-sku', name);

    // Not a picture: no preview, and the API's refusal beside the file.
    await byTestId('picture-file').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all') });
    await expect.poll(() => byTestId('picture-no-preview').isVisible()).toBe(true);
    await byTestId('picture-save').click();
    await expect.poll(() => formError('picture-file').textContent()).toContain('有效的图片');
    expect((await api(`skus/images/?sku=${skuId}`)).body.count).toBe(0);

    await byTestId('picture-file').setInputFiles({ name: 'red.png', mimeType: 'image/png', buffer: await picture('png', '#e4393c', 120) });
    await expect.poll(() => byTestId('picture-preview').isVisible()).toBe(true);
    expect(await byTestId('picture-preview').evaluate((canvas: HTMLCanvasElement) => canvas.width)).toBe(120);
    // The upload is held until the progress bar has been seen.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`${shop.mall.url}/meiduo_admin/skus/images/`, async (route) => {
      if (route.request().method() === 'POST') await held;
      await route.fallback();
    });
    await byTestId('picture-save').click();
    await expect.poll(() => byTestId('picture-progress').isVisible()).toBe(true);
    await settled();
    await screenshot(page, 'admin-picture-upload.png', false);
    release();
    await expect.poll(() => page.locator('.el-message--success').textContent()).toContain('图片已上传');
    await page.unroute(`${shop.mall.url}/meiduo_admin/skus/images/`);

    const [stored] = (await api(`skus/images/?sku=${skuId}`)).body.lists;
    expect(stored).toMatchObject({ sku: skuId, image: expect.stringMatching(/\.png$/) });
    const thumb = byTestId(`picture-thumb-${stored.id}`);
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(120);
    const served = await fetch(stored.image);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    await settled();
    await screenshot(page, 'admin-pictures.png', false);

    // A new file for it: the same picture row, another file, the old one gone.
    await byTestId(`picture-edit-${stored.id}`).click();
    await byTestId('picture-file').setInputFiles({ name: 'blue.jpg', mimeType: 'image/jpeg', buffer: await picture('jpeg', '#2050e0', 90) });
    await expect.poll(() => byTestId('picture-preview').evaluate((canvas: HTMLCanvasElement) => canvas.width)).toBe(90);
    await byTestId('picture-save').click();
    await expect.poll(() => page.locator('.el-message--success').filter({ hasText: '图片已更换' }).count()).toBe(1);
    const replaced = (await api(`skus/images/${stored.id}/`)).body;
    expect(replaced).toMatchObject({ id: stored.id, sku: skuId, image: expect.stringMatching(/\.jpg$/) });
    expect((await fetch(stored.image)).status).toBe(404);
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(90);
    stored.image = replaced.image;

    // Asked first: 取消 keeps it, 删除 removes the row and the file.
    await byTestId(`picture-delete-${stored.id}`).click();
    await page.locator('.el-message-box').getByRole('button', { name: '取消' }).click();
    expect((await api(`skus/images/${stored.id}/`)).status).toBe(200);
    await byTestId(`picture-delete-${stored.id}`).click();
    await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click();
    await expect.poll(() => byTestId('pictures-table').textContent()).toContain('该SKU还没有图片');
    expect(await thumb.count()).toBe(0);
    expect((await api(`skus/images/${stored.id}/`)).status).toBe(404);
    expect((await fetch(stored.image)).status).toBe(404);
  });
});

describe('permissions and deleting', () => {
  it('deletes the SKU only after a confirmation', async () => {
    const { page } = shop;
    await page.goto(admin('/skus'));
    await searchSkus(name);
    await byTestId(`sku-delete-${skuId}`).click();
    await page.locator('.el-message-box').getByRole('button', { name: '取消' }).click();
    expect((await api(`skus/${skuId}/`)).status).toBe(200);
    await byTestId(`sku-delete-${skuId}`).click();
    await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click();
    await expect.poll(() => byTestId('skus-table').textContent()).toContain('没有找到匹配的SKU');
    expect((await api(`skus/${skuId}/`)).status).toBe(404);
  });

  it('shows a staff member with only goods.view_sku the list without 添加, 删除 or inline edits', async () => {
    const { page } = shop;
    const clerk = await makeStaff(shop.mall, { permissions: ['goods.view_sku'] });
    await byTestId('logout').click();
    await page.waitForURL(at('/login'));
    await logIn(clerk.username);
    await page.waitForURL(at('/'));
    await page.goto(admin('/skus'));
    await listed('skus-table');
    const rows = byTestId('skus-table').locator('tbody tr');
    expect(await rows.count()).toBe(10);
    await settled();
    expect(await byTestId('skus-add').count()).toBe(0);
    expect(await byTestId('skus-import').count()).toBe(0);
    expect(await page.locator('[data-testid^="sku-delete-"], [data-testid^="sku-edit-"], [data-testid^="sku-launched-"]').count()).toBe(0);
    await rows.first().locator('[data-testid$="-value"]').first().click();
    expect(await page.locator('[data-testid$="-input"]').count()).toBe(0);
    expect(await byTestId('menu-pictures').count()).toBe(0);
  });
});
