import type { PermissionCode } from '@meiduo/contract/admin-permissions';
import { createRouter, createWebHistory, type RouteLocationNormalized, type RouteMeta, type RouteRecordSingleView } from 'vue-router';
import AdminLayout from './components/AdminLayout.vue';
import LoginPage from './pages/LoginPage.vue';
import { can, administrator, loadAdministrator } from './permissions';
import { errorStatus } from '@meiduo/client/errors';
import { clearSession, session } from './session';

declare module 'vue-router' {
  interface RouteMeta {
    /** Shown after "美多商城管理后台-" in the browser tab, and in the side menu. */
    title?: string;
    /** The permission the page needs: without it the menu leaves it out and the page is not opened. */
    permission?: PermissionCode;
    /** The side menu's sub-menu the page sits in (商品管理, 订单管理, 系统管理); none: a top entry. */
    group?: string;
    /** The login page: open to anyone. */
    public?: boolean;
  }
}

export const LOGIN_PATH = '/login';

/** The login page that brings the administrator back to `to` afterwards. */
export function loginRedirect(to: Pick<RouteLocationNormalized, 'fullPath'>) {
  return { path: LOGIN_PATH, query: to.fullPath === '/' ? {} : { next: to.fullPath } };
}

/** The pages of the side menu, in its order (a group's place is that of its first page). */
/** A page of the side menu: named (tests find `menu-<name>`), titled, and guarded by its permission. */
export type Screen = RouteRecordSingleView & { name: string; meta: RouteMeta & { title: string } };

export const screens: Screen[] = [
  { path: '/dashboard', name: 'dashboard', component: () => import('./pages/DashboardPage.vue'), meta: { title: '数据统计', permission: 'users.view_user' } },
  { path: '/users', name: 'users', component: () => import('./pages/UsersPage.vue'), meta: { title: '用户管理', permission: 'users.view_user' } },
  { path: '/skus', name: 'skus', component: () => import('./pages/SkusPage.vue'), meta: { title: 'SKU管理', permission: 'goods.view_sku', group: '商品管理' } },
  { path: '/spus', name: 'spus', component: () => import('./pages/SpusPage.vue'), meta: { title: 'SPU管理', permission: 'goods.view_spu', group: '商品管理' } },
  { path: '/specs', name: 'specs', component: () => import('./pages/SpecsPage.vue'), meta: { title: '规格管理', permission: 'goods.view_spuspecification', group: '商品管理' } },
  { path: '/options', name: 'options', component: () => import('./pages/OptionsPage.vue'), meta: { title: '规格选项', permission: 'goods.view_specificationoption', group: '商品管理' } },
  { path: '/pictures', name: 'pictures', component: () => import('./pages/PicturesPage.vue'), meta: { title: '图片管理', permission: 'goods.view_skuimage', group: '商品管理' } },
  { path: '/brands', name: 'brands', component: () => import('./pages/BrandsPage.vue'), meta: { title: '品牌管理', permission: 'goods.view_brand', group: '商品管理' } },
  { path: '/channels', name: 'channels', component: () => import('./pages/ChannelsPage.vue'), meta: { title: '频道管理', permission: 'goods.view_goodschannel', group: '商品管理' } },
  { path: '/channel-groups', name: 'channel-groups', component: () => import('./pages/ChannelGroupsPage.vue'), meta: { title: '频道组', permission: 'goods.view_goodschannelgroup', group: '商品管理' } },
  { path: '/contents', name: 'contents', component: () => import('./pages/ContentsPage.vue'), meta: { title: '首页内容', permission: 'contents.view_content', group: '运营管理' } },
  { path: '/orders', name: 'orders', component: () => import('./pages/OrdersPage.vue'), meta: { title: '订单管理', permission: 'orders.view_orderinfo', group: '订单管理' } },
  { path: '/permissions', name: 'permissions', component: () => import('./pages/PermissionsPage.vue'), meta: { title: '权限管理', permission: 'auth.view_permission', group: '系统管理' } },
  { path: '/groups', name: 'groups', component: () => import('./pages/GroupsPage.vue'), meta: { title: '用户组', permission: 'auth.view_group', group: '系统管理' } },
  { path: '/admins', name: 'admins', component: () => import('./pages/AdminsPage.vue'), meta: { title: '管理员', permission: 'users.view_user', group: '系统管理' } },
  { path: '/audit', name: 'audit', component: () => import('./pages/AuditPage.vue'), meta: { title: '操作日志', permission: 'admin.view_logentry', group: '系统管理' } },
];

/** Pages opened from a screen's rows, not from the side menu; guarded by their permission all the same. */
const subpages: RouteRecordSingleView[] = [
  { path: '/orders/:orderId', name: 'order', component: () => import('./pages/OrderDetailPage.vue'), meta: { title: '订单详情', permission: 'orders.view_orderinfo' } },
];

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: LOGIN_PATH, name: 'login', component: LoginPage, meta: { title: '登录', public: true } },
    {
      path: '/',
      component: AdminLayout,
      children: [
        { path: '', name: 'home', component: () => import('./pages/HomePage.vue'), meta: { title: '首页' } },
        ...screens,
        ...subpages,
      ],
    },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
});

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  if (!session.token) return loginRedirect(to);
  // Once per login: who this is and what they may do.
  if (!administrator.value) {
    try {
      await loadAdministrator();
    } catch (error) {
      if (errorStatus(error) !== 401) throw error;
      clearSession();
      return loginRedirect(to);
    }
  }
  return can(to.meta.permission) ? true : { path: '/' };
});

router.afterEach((to) => {
  document.title = to.meta.title ? `美多商城管理后台-${to.meta.title}` : '美多商城管理后台';
});
