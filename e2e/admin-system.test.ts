// The back office's system screens in a real browser against the real API: a group made with
// some permissions and an administrator made in it (the contract's rules first, nothing sent),
// who then sees exactly the menu and buttons the group allows; an edit without a password keeps
// it; channels and channel groups written and deleted (asked first, the API's refusal shown); a
// home page content with an uploaded picture on the storefront; the audit trail of it all, its
// rows opening on a before/after diff and its filters narrowing it.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { categories, channels } from '../server/src/db/schema/index.js';
import { makeStaff, picture, shanghaiDay, uniqueMobile, type Staff } from '../server/test/fixtures.js';
import { useBackOffice } from './back-office.js';
import { at, screenshot } from './browser.js';

const shop = useBackOffice();
const { byTestId, admin, logIn, settled, formError } = shop;

let root: Staff;
const tag = Date.now().toString(36);
const groupName = `频道管理员组${tag}`;
const clerk = { username: `clerk_${tag}`, password: 'clerk-pass-1', mobile: uniqueMobile() };
let clerkId: number;
let groupId: number;

beforeAll(async () => {
  root = await makeStaff(shop.mall, { superuser: true });
});

const rows = (list: string) => byTestId(`${list}-table`).locator('tbody tr.el-table__row');
/** A tree row (branch or permission) by its exact label. */
const treeRow = (label: string) => shop.page.locator('.el-tree-node__content').filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) });
/** Picks `label` in the Element Plus select holding `testId`. */
async function choose(testId: string, label: string): Promise<void> {
  await byTestId(testId).click();
  await shop.page.locator('.el-select-dropdown__item:visible').filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) }).click();
}
/** Answers the confirmation box: `yes` deletes, otherwise 取消. */
async function confirm(yes: boolean): Promise<void> {
  const box = shop.page.locator('.el-message-box');
  await expect.poll(() => box.isVisible()).toBe(true);
  await box.getByRole('button', { name: yes ? '删除' : '取消' }).click();
  await expect.poll(() => box.isVisible()).toBe(false);
}
const get = async <T = any>(path: string): Promise<T> => {
  const response = await shop.mall.get(path, root.auth);
  expect(response.status, path).toBe(200);
  return response.body as T;
};
/** The last page of a list, once its first is in (the newest rows are there). */
async function lastPage(list: string): Promise<void> {
  await expect.poll(() => rows(list).count()).toBeGreaterThan(0);
  await shop.page.locator('.el-pager li').last().click();
  await shop.settled();
}
async function logOut(): Promise<void> {
  await byTestId('logout').click();
  await shop.page.waitForURL(at('/login'));
}

describe('groups and administrators', () => {
  it('makes a group with two permissions through the checkbox tree', async () => {
    const { page } = shop;
    await page.goto(admin('/login'));
    await logIn(root.username);
    await page.waitForURL(at('/'));
    await byTestId('menu-group-系统管理').click();
    await byTestId('menu-groups').click();
    await page.waitForURL(at('/groups'));
    await byTestId('groups-add').click();
    await byTestId('group-save').click();
    await expect.poll(() => formError('group-name').textContent()).toBe('该字段不能为空。');
    await byTestId('group-name').fill(groupName);
    for (const [branch, leaf] of [['商品频道', '查看商品频道'], ['频道组', '查看频道组']] as const) {
      await treeRow(branch).locator('.el-tree-node__expand-icon').click();
      await treeRow(leaf).locator('.el-checkbox').click();
    }
    await byTestId('group-save').click();
    await expect.poll(() => byTestId('group-dialog').isVisible()).toBe(false);
    const wanted = await shop.mall.services.permissions.idsOf(['goods.view_goodschannel', 'goods.view_goodschannelgroup']);
    const made = (await get<{ id: number; name: string }[]>('/meiduo_admin/permission/groups/simple/')).find((group) => group.name === groupName)!;
    groupId = made.id;
    expect((await get(`/meiduo_admin/permission/groups/${groupId}/`)).permissions).toEqual([...wanted].sort((a, b) => a - b));
    await expect.poll(() => byTestId('groups-table').textContent()).toContain(groupName);
  });

  it('makes an administrator in it: a rule broken is shown beside its field and nothing is sent', async () => {
    const { page } = shop;
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/meiduo_admin/permission/admins/')) sent.push(request.url());
    });
    await byTestId('menu-admins').click();
    await page.waitForURL(at('/admins'));
    await byTestId('admins-add').click();
    await byTestId('admin-username').fill(clerk.username);
    await byTestId('admin-password').fill(clerk.password);
    await byTestId('admin-mobile').fill('12345');
    await byTestId('admin-email').fill('not-an-address');
    await byTestId('admin-save').click();
    await expect.poll(() => formError('admin-mobile').textContent()).toBe('手机号格式错误');
    await expect.poll(() => formError('admin-email').textContent()).not.toBe('');
    expect(await formError('admin-username').count()).toBe(0);
    expect(sent).toEqual([]);
    await byTestId('admin-mobile').fill(clerk.mobile);
    await byTestId('admin-email').fill('');
    await choose('admin-groups', groupName);
    await page.keyboard.press('Escape');
    await byTestId('admin-save').click();
    await expect.poll(() => page.locator('.el-message--success').last().textContent()).toContain('已添加管理员');
    expect(sent).toHaveLength(1);
    const listed = (await get<{ lists: { id: number; username: string; groups: number[]; mobile: string }[]; pages: number }>('/meiduo_admin/permission/admins/?pagesize=10&page=1')).pages;
    const everyone = (await Promise.all(Array.from({ length: listed }, (_, i) => get(`/meiduo_admin/permission/admins/?pagesize=10&page=${i + 1}`)))).flatMap((page) => page.lists);
    const made = everyone.find((one: { username: string }) => one.username === clerk.username);
    expect(made).toMatchObject({ mobile: clerk.mobile, groups: [groupId], user_permissions: [] });
    clerkId = made.id;
  });

  it('shows the new administrator exactly what the group allows, without the buttons of writes', async () => {
    const { page } = shop;
    await logOut();
    await logIn(clerk.username, clerk.password);
    await page.waitForURL(at('/'));
    await expect.poll(() => byTestId('admin-name').textContent()).toBe(clerk.username);
    expect(await byTestId('menu-channels').count()).toBe(1);
    expect(await byTestId('menu-channel-groups').count()).toBe(1);
    for (const name of ['groups', 'admins', 'audit', 'permissions', 'contents', 'users', 'dashboard']) expect(await byTestId(`menu-${name}`).count(), name).toBe(0);
    expect(await byTestId('menu-group-系统管理').count()).toBe(0);
    await page.goto(admin('/audit'));
    await page.waitForURL(at('/'));
    await byTestId('menu-group-商品管理').click();
    await byTestId('menu-channels').click();
    await page.waitForURL(at('/channels'));
    await expect.poll(() => rows('channels').count()).toBeGreaterThan(0);
    expect(await byTestId('channels-add').count()).toBe(0);
    expect(await byTestId('channels-table').getByRole('button', { name: '编辑' }).count()).toBe(0);
    expect(await byTestId('channels-table').getByRole('button', { name: '删除' }).count()).toBe(0);
    await byTestId('menu-channel-groups').click();
    await page.waitForURL(at('/channel-groups'));
    await expect.poll(() => rows('channel-groups').count()).toBeGreaterThan(0);
    expect(await byTestId('channel-groups-add').count()).toBe(0);
    await logOut();
  });

  it('edits the administrator without a password: the old one still logs in', async () => {
    const { page } = shop;
    await logIn(root.username);
    await page.waitForURL(at('/'));
    await page.goto(admin('/admins'));
    await lastPage('admins');
    await byTestId(`admins-edit-${clerkId}`).click();
    await expect.poll(() => byTestId('admin-username').inputValue()).toBe(clerk.username);
    expect(await byTestId('admin-password').inputValue()).toBe('');
    await byTestId('admin-email').fill(`${clerk.username}@meiduo.site`);
    await byTestId('admin-save').click();
    await expect.poll(() => byTestId('admin-dialog').isVisible()).toBe(false);
    expect(await get(`/meiduo_admin/permission/admins/${clerkId}/`)).toMatchObject({ email: `${clerk.username}@meiduo.site`, groups: [groupId] });
    await logOut();
    await logIn(clerk.username, clerk.password);
    await page.waitForURL(at('/'));
    await expect.poll(() => byTestId('admin-name').textContent()).toBe(clerk.username);
    await logOut();
  });
});

describe('channels and their groups', () => {
  const channelGroup = `E2E组${tag}`;
  let topId: number;

  it('adds a channel group, then a channel in it for a free top category; edits it, and deletes it once confirmed', async () => {
    const { page } = shop;
    const { db } = shop.mall.context;
    [{ id: topId }] = (await db.insert(categories).values({ name: `频道${tag}` }).returning({ id: categories.id })) as [{ id: number }];
    await logIn(root.username);
    await page.waitForURL(at('/'));
    await page.goto(admin('/channel-groups'));
    await byTestId('channel-groups-add').click();
    await byTestId('channel-group-name').fill(channelGroup);
    await byTestId('channel-group-save').click();
    await expect.poll(() => byTestId('channel-group-dialog').isVisible()).toBe(false);

    await page.goto(admin('/channels'));
    await byTestId('channels-add').click();
    await byTestId('channel-url').fill('http://e2e.meiduo.site');
    await byTestId('channel-save').click();
    await expect.poll(() => formError('channel-group').textContent()).toBe('该字段是必填项。');
    await choose('channel-group', channelGroup);
    await choose('channel-category', `频道${tag}`);
    await byTestId('channel-sequence').locator('input').fill('2');
    await byTestId('channel-save').click();
    await expect.poll(() => byTestId('channel-dialog').isVisible()).toBe(false);
    const stored = () => db.select().from(channels).where(eq(channels.categoryId, topId));
    await expect.poll(async () => (await stored())[0]).toMatchObject({ url: 'http://e2e.meiduo.site', sequence: 2 });
    const [channel] = await stored();

    // The newest group's channels come last.
    await lastPage('channels');
    await byTestId(`channels-edit-${channel!.id}`).click();
    await expect.poll(() => byTestId('channel-url').inputValue()).toBe('http://e2e.meiduo.site');
    await byTestId('channel-url').fill('http://moved.meiduo.site');
    await byTestId('channel-save').click();
    await expect.poll(async () => (await stored())[0]?.url).toBe('http://moved.meiduo.site');
    await expect.poll(() => rows('channels').filter({ hasText: 'http://moved.meiduo.site' }).count()).toBe(1);

    // A group still holding a channel: the API's refusal, as it says it.
    await page.goto(admin('/channel-groups'));
    await lastPage('channel-groups');
    const groupRow = rows('channel-groups').filter({ hasText: channelGroup });
    await groupRow.getByRole('button', { name: '删除' }).click();
    await confirm(true);
    await expect.poll(() => page.locator('.el-message--error').last().textContent()).toContain('该频道组下还有频道，不能删除。');

    await page.goto(admin('/channels'));
    await lastPage('channels');
    await byTestId(`channels-delete-${channel!.id}`).click();
    await confirm(false);
    expect(await stored()).toHaveLength(1);
    await byTestId(`channels-delete-${channel!.id}`).click();
    await confirm(true);
    await expect.poll(async () => (await stored()).length).toBe(0);
    await expect.poll(() => byTestId(`channels-delete-${channel!.id}`).count()).toBe(0);
  });
});

describe('home page contents', () => {
  it('adds a banner with an uploaded picture, previewed before saving; the storefront shows it', async () => {
    const { page } = shop;
    const slots = await get<{ id: number; name: string; key: string }[]>('/meiduo_admin/contents/categories/');
    const banner = slots.find((slot) => slot.key === 'index_lbt')!;
    const title = `E2E大促${tag}`;
    await page.goto(admin('/contents'));
    await choose('contents-slot', `${banner.name}（${banner.key}）`);
    await expect.poll(async () => new Set(await rows('contents').locator('td:nth-child(2)').allTextContents())).toEqual(new Set([banner.name]));
    await byTestId('contents-add').click();
    await byTestId('content-title').fill(title);
    await byTestId('content-url').fill('x'.repeat(301));
    await byTestId('content-save').click();
    await expect.poll(() => formError('content-url').textContent()).toBe('请确保这个字段不能超过 300 个字符。');
    await byTestId('content-url').fill('http://www.meiduo.site/e2e');
    await byTestId('content-image-file').setInputFiles({ name: 'banner.png', mimeType: 'image/png', buffer: await picture('png', '#3366ff', 120) });
    // Drawn from the file, before anything is sent.
    await expect.poll(() => byTestId('content-image-canvas').evaluate((canvas: HTMLCanvasElement) => canvas.width)).toBe(120);
    await byTestId('content-save').click();
    await expect.poll(() => byTestId('content-dialog').isVisible()).toBe(false);
    const listed = await get<{ lists: { title: string; image: string | null }[] }>(`/meiduo_admin/contents/?category_id=${banner.id}&pagesize=10`);
    const pages = Math.ceil((await get(`/meiduo_admin/contents/?category_id=${banner.id}`)).count / 10);
    const all = pages > 1 ? (await Promise.all(Array.from({ length: pages }, (_, i) => get(`/meiduo_admin/contents/?category_id=${banner.id}&pagesize=10&page=${i + 1}`)))).flatMap((page) => page.lists) : listed.lists;
    const made = all.find((content: { title: string }) => content.title === title);
    expect(made.image).toMatch(/^http.*\/media\/contents\/.+\.png$/);

    await page.goto(`${shop.mall.webUrl}/`);
    const slide = byTestId('carousel').locator(`img[alt="${title}"]`);
    await expect.poll(() => slide.getAttribute('src')).toBe(made.image);
    await page.goto(admin('/'));
  });
});

describe('the audit trail', () => {
  it('lists this test\'s writes with who and before/after, and its filters narrow it', async () => {
    const { page } = shop;
    await page.goto(admin('/audit'));
    // Every write of this file, newest first (the refused delete of a channel group left none).
    const actions = ['添加广告内容', '删除商品频道', '修改商品频道', '添加商品频道', '添加频道组', '修改用户', '添加用户', '添加用户组'];
    await expect.poll(() => rows('audit').locator('td:nth-child(5)').allTextContents()).toEqual(actions.map((action) => expect.stringContaining(action)));
    expect(new Set(await rows('audit').locator('td:nth-child(3)').allTextContents())).toEqual(new Set([root.username]));

    await choose('audit-resource', '管理员');
    await byTestId('audit-search').click();
    await expect.poll(async () => new Set(await rows('audit').locator('td:nth-child(6)').allTextContents())).toEqual(new Set(['管理员']));
    const edit = rows('audit').filter({ hasText: '修改用户' }).filter({ hasText: String(clerkId) });
    await expect.poll(() => edit.textContent()).toContain(root.username);
    expect(await rows('audit').filter({ hasText: '添加用户' }).filter({ hasText: String(clerkId) }).count()).toBe(1);
    await edit.locator('.el-table__expand-icon').click();
    const diff = byTestId('audit-diff');
    await expect.poll(() => diff.locator('tr[data-changed="true"] .key').allTextContents()).toEqual(['email', 'password_changed']);
    await expect.poll(() => diff.locator('tr', { hasText: 'email' }).locator('.after').textContent()).toBe(`${clerk.username}@meiduo.site`);
    await settled();
    // The expand arrow's turn done, for the picture.
    await expect.poll(() => page.evaluate(() => document.getAnimations().length)).toBe(0);
    await screenshot(page, 'admin-audit.png', false);

    await choose('audit-resource', '用户组');
    await byTestId('audit-object').fill(String(groupId));
    await byTestId('audit-search').click();
    await expect.poll(() => rows('audit').count()).toBe(1);
    await expect.poll(() => rows('audit').first().textContent()).toContain('添加用户组');
    await rows('audit').first().locator('.el-table__expand-icon').click();
    await expect.poll(() => diff.locator('tr', { hasText: 'name' }).locator('.after').textContent()).toBe(groupName);

    await byTestId('audit-object').fill('99999999');
    await byTestId('audit-search').click();
    await expect.poll(() => byTestId('audit-table').textContent()).toContain('没有符合条件的操作记录');

    // By who and action, as the API counts them.
    await byTestId('audit-object').fill('');
    await choose('audit-resource', '商品频道');
    await choose('audit-who', root.username);
    await choose('audit-action', '添加商品频道');
    await byTestId('audit-search').click();
    const expected = (await get(`/meiduo_admin/audit/?user_id=${root.id}&resource=goodschannel&action=goods.add_goodschannel`)).count;
    expect(expected).toBe(1);
    await expect.poll(() => rows('audit').count()).toBe(1);
    // Shanghai days: today holds it, tomorrow nothing.
    for (const [day, count] of [[shanghaiDay(), 1], [shanghaiDay(1), 0]] as const) {
      const [start, end] = [0, 1].map((i) => page.locator('.el-range-editor.days input.el-range-input').nth(i));
      await start.fill(day);
      await end.fill(day);
      await end.press('Enter');
      await page.keyboard.press('Escape');
      await byTestId('audit-search').click();
      await expect.poll(() => rows('audit').count(), { message: day }).toBe(count);
    }
    await expect.poll(() => byTestId('audit-table').textContent()).toContain('没有符合条件的操作记录');
  });
});

describe('removing', () => {
  it('deletes the home page content once confirmed: gone from the storefront', async () => {
    const { page } = shop;
    const title = `E2E大促${tag}`;
    await page.goto(admin('/contents'));
    const row = rows('contents').filter({ hasText: title });
    await row.getByRole('button', { name: '删除' }).click();
    await confirm(true);
    await expect.poll(() => row.count()).toBe(0);
    const home = (await shop.mall.get('/contents/')).body as Record<string, { title: string }[]>;
    expect(home.index_lbt!.map((content) => content.title)).not.toContain(title);
  });

  it('deletes the administrator once confirmed: the back office no longer lets them in', async () => {
    const { page } = shop;
    await page.goto(admin('/admins'));
    await lastPage('admins');
    await byTestId(`admins-delete-${clerkId}`).click();
    await confirm(true);
    await expect.poll(() => byTestId(`admins-delete-${clerkId}`).count()).toBe(0);
    expect((await shop.mall.post('/meiduo_admin/authorizations/', { username: clerk.username, password: clerk.password })).status).toBe(400);
  });
});

describe('permissions', () => {
  it('adds a permission of the shop\'s own with a content type, refuses to delete a catalogue one, deletes its own once confirmed', async () => {
    const { page } = shop;
    const codename = `export_${tag}`;
    await page.goto(admin('/permissions'));
    await expect.poll(() => rows('permissions').count()).toBe(10);
    // The catalogue's first permission: code every route names, so the API keeps it.
    await rows('permissions').first().getByRole('button', { name: '删除' }).click();
    await confirm(true);
    await expect.poll(() => page.locator('.el-message--error').last().textContent()).toContain('内置权限不能修改或删除。');

    await byTestId('permissions-add').click();
    await byTestId('permission-name').fill('导出订单');
    await byTestId('permission-codename').fill(codename);
    await byTestId('permission-save').click();
    await expect.poll(() => formError('permission-type').textContent()).toBe('该字段是必填项。');
    await choose('permission-type', '订单');
    await byTestId('permission-save').click();
    await expect.poll(() => byTestId('permission-dialog').isVisible()).toBe(false);
    await lastPage('permissions');
    const row = rows('permissions').filter({ hasText: codename });
    await expect.poll(() => row.locator('td').nth(3).textContent()).toBe('订单');
    const id = Number(await row.locator('td').first().textContent());
    expect(await get(`/meiduo_admin/permission/perms/${id}/`)).toMatchObject({ name: '导出订单', codename });
    await row.getByRole('button', { name: '删除' }).click();
    await confirm(true);
    await expect.poll(async () => (await shop.mall.get(`/meiduo_admin/permission/perms/${id}/`, root.auth)).status).toBe(404);
  });
});
