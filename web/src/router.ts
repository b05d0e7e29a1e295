import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router';
import { INFO_PAGES } from './info-pages';
import { useAuthStore } from './stores/auth';
import HomePage from './pages/HomePage.vue';
import NotFoundPage from './pages/NotFoundPage.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** Shown after "美多商城-" in the browser tab. */
    title?: string;
    /** Pages that call JWT endpoints; without a token they go to login first. */
    requiresAuth?: boolean;
  }
}

export const LOGIN_PATH = '/login.html';

/** The login page URL that brings the user back to `to` afterwards (contract §1.3). */
export function loginRedirect(to: Pick<RouteLocationNormalized, 'fullPath'>) {
  return { path: LOGIN_PATH, query: { next: to.fullPath } };
}

// Page URLs keep the original shop's *.html names, so links, bookmarks and the other
// pages of the shop (which link to /login.html etc.) keep working.
export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', name: 'home', alias: '/index.html', component: HomePage, meta: { title: '首页' } },
    {
      path: '/register.html',
      name: 'register',
      component: () => import('./pages/RegisterPage.vue'),
      meta: { title: '注册' },
    },
    {
      path: LOGIN_PATH,
      name: 'login',
      component: () => import('./pages/LoginPage.vue'),
      meta: { title: '登录' },
    },
    {
      path: '/list.html',
      name: 'list',
      component: () => import('./pages/ListPage.vue'),
      meta: { title: '商品列表' },
    },
    {
      path: '/search.html',
      name: 'search',
      component: () => import('./pages/SearchPage.vue'),
      meta: { title: '商品搜索' },
    },
    {
      // /goods/<sku id>.html, as the original generated one static page per SKU.
      path: '/goods/:id(\\d+).html',
      name: 'detail',
      component: () => import('./pages/DetailPage.vue'),
      meta: { title: '商品详情' },
    },
    {
      path: '/user_center_info.html',
      name: 'user-center-info',
      component: () => import('./pages/UserCenterInfoPage.vue'),
      meta: { title: '用户中心', requiresAuth: true },
    },
    {
      path: '/user_center_site.html',
      name: 'user-center-site',
      component: () => import('./pages/UserCenterSitePage.vue'),
      meta: { title: '收货地址', requiresAuth: true },
    },
    {
      path: '/user_center_pass.html',
      name: 'user-center-pass',
      component: () => import('./pages/UserCenterPassPage.vue'),
      meta: { title: '修改密码', requiresAuth: true },
    },
    {
      path: '/find_password.html',
      name: 'find-password',
      component: () => import('./pages/FindPasswordPage.vue'),
      meta: { title: '找回密码' },
    },
    {
      path: '/oauth_callback.html',
      name: 'oauth-callback',
      component: () => import('./pages/OAuthCallbackPage.vue'),
      meta: { title: 'QQ登录' },
    },
    {
      path: '/success_verify_email.html',
      name: 'verify-email',
      component: () => import('./pages/VerifyEmailPage.vue'),
      meta: { title: '邮箱验证' },
    },
    {
      // Anonymous shoppers have a cart too (a cookie on the API's origin, contract §7.1).
      path: '/cart.html',
      name: 'cart',
      component: () => import('./pages/CartPage.vue'),
      meta: { title: '购物车' },
    },
    {
      path: '/place_order.html',
      name: 'place-order',
      component: () => import('./pages/PlaceOrderPage.vue'),
      meta: { title: '确认订单', requiresAuth: true },
    },
    {
      path: '/order_success.html',
      name: 'order-success',
      component: () => import('./pages/OrderSuccessPage.vue'),
      meta: { title: '下单成功', requiresAuth: true },
    },
    {
      // Alipay's return URL: the signed query string is the proof, no login needed (§9.2).
      path: '/pay_success.html',
      name: 'pay-success',
      component: () => import('./pages/PaySuccessPage.vue'),
      meta: { title: '支付结果' },
    },
    {
      path: '/user_center_order.html',
      name: 'user-center-order',
      component: () => import('./pages/UserCenterOrderPage.vue'),
      meta: { title: '全部订单', requiresAuth: true },
    },
    {
      path: '/order_detail.html',
      name: 'order-detail',
      component: () => import('./pages/OrderDetailPage.vue'),
      meta: { title: '订单详情', requiresAuth: true },
    },
    {
      path: '/goods_judge.html',
      name: 'goods-judge',
      component: () => import('./pages/GoodsJudgePage.vue'),
      meta: { title: '商品评价', requiresAuth: true },
    },
    ...INFO_PAGES.map(({ name, path, title }) => ({ path, name, component: () => import('./pages/InfoPage.vue'), meta: { title } })),
    { path: '/:pathMatch(.*)*', name: 'not-found', component: NotFoundPage, meta: { title: '页面不存在' } },
  ],
  // Back/forward returns to where the shopper was in a long list; new pages start at the top.
  scrollBehavior: (_to, _from, savedPosition) => savedPosition ?? { top: 0 },
});

router.beforeEach((to) => {
  if (to.meta.requiresAuth && !useAuthStore().token) return loginRedirect(to);
  return true;
});

// The page's generic title when a page opens. Within one page (another category, sort order or
// page number) the page keeps the title it set itself, such as the category's name.
router.afterEach((to, from) => {
  if (to.name === from.name) return;
  document.title = to.meta.title ? `美多商城-${to.meta.title}` : '美多商城';
});
