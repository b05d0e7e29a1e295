// Builds the HTTP API from a context: CORS, errors, one line of log per request, the modules.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Context } from './context.js';
import { registerAdminGuard } from './http/admin-auth.js';
import { optionalUser, requireUser } from './http/auth.js';
import { registerCors } from './http/cors.js';
import { connectionOptions, registerErrorHandling } from './http/errors.js';
import { finiteKeyword, refuseNulCharacters } from './http/input.js';
import { requestLogging } from './http/request-log.js';
import { registerHttpCache } from './http/http-cache.js';
import { DOCS_PREFIX, registerOpenApi } from './http/openapi.js';
import { pageBodies } from './http/pagination.js';
import { registerOperations } from './http/operations.js';
import { API_HEADERS, DOCS_HEADERS, devGatewayHeaders, registerSecurityHeaders } from './http/security-headers.js';
import { adminPermissionRoutes } from './modules/admin/routes.js';
import { areaRoutes } from './modules/areas/routes.js';
import { cartMerger, cartRoutes } from './modules/carts/routes.js';
import { adminContentRoutes } from './modules/contents/admin-routes.js';
import { contentRoutes } from './modules/contents/routes.js';
import { adminMediaRoutes } from './modules/goods/admin-media-routes.js';
import { serveMedia } from './modules/goods/media-routes.js';
import { adminGoodsRoutes } from './modules/goods/admin-routes.js';
import { goodsRoutes } from './modules/goods/routes.js';
import { visitRoutes } from './modules/goods/visit-routes.js';
import { oauthRoutes } from './modules/oauth/routes.js';
import { adminOrderRoutes } from './modules/orders/admin-routes.js';
import { commentRoutes } from './modules/orders/comment-routes.js';
import { orderRoutes } from './modules/orders/routes.js';
import { salesStatisticsRoutes } from './modules/orders/sales-statistics-routes.js';
import { devGatewayRoutes } from './modules/payment/dev-gateway.js';
import { paymentRoutes } from './modules/payment/routes.js';
import { addressRoutes } from './modules/users/address-routes.js';
import { adminUserRoutes } from './modules/users/admin-routes.js';
import { emailRoutes } from './modules/users/email-routes.js';
import { passwordRoutes } from './modules/users/password-routes.js';
import { statisticsRoutes } from './modules/users/statistics-routes.js';
import { userRoutes } from './modules/users/routes.js';
import { verificationRoutes } from './modules/verifications/routes.js';
import type { Services } from './services.js';

export const BODY_LIMIT = 64 * 1024;

export async function buildApp(context: Context, services: Services): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: context.logger as FastifyBaseLogger,
    ...requestLogging(),
    bodyLimit: BODY_LIMIT,
    trustProxy: context.config.trustProxy,
    ...connectionOptions(context.config),
    ajv: {
      // Report every failing field, as DRF does.
      customOptions: { allErrors: true, keywords: [finiteKeyword] },
    },
  });
  app.decorateRequest('user', null);
  // Before every route: the HTML pages among them get their own policy as they are added.
  registerSecurityHeaders(app, API_HEADERS, { [DOCS_PREFIX]: DOCS_HEADERS, '/dev/alipay/': devGatewayHeaders(context.config.alipay.returnUrl) });
  registerErrorHandling(app);
  refuseNulCharacters(app);
  registerCors(app, context.config.corsOrigins);
  registerHttpCache(app);
  // The API reference at /docs; before every route, so that it sees them all.
  await registerOpenApi(app);
  registerOperations(app, context);
  await serveMedia(app, context.config.mediaDir);

  const loadUser = (id: number) => services.users.findActive(id);
  const authenticate = requireUser(context.tokens, loadUser);
  const mergeCart = cartMerger(services.carts, context.config.jwtSecret);
  const pageOf = pageBodies(context.config.apiUrl);
  await app.register(verificationRoutes, { verifications: services.verifications });
  await app.register(userRoutes, { users: services.users, histories: services.histories, authenticate, mergeCart });
  await app.register(addressRoutes, { addresses: services.addresses, authenticate });
  await app.register(passwordRoutes, { passwords: services.passwords, authenticate });
  await app.register(emailRoutes, { emails: services.emails, authenticate });
  await app.register(oauthRoutes, { oauth: services.oauth, mergeCart });
  await app.register(orderRoutes, { orders: services.orders, myOrders: services.myOrders, authenticate, pageOf });
  await app.register(commentRoutes, { comments: services.comments, authenticate });
  await app.register(paymentRoutes, { payments: services.payments, authenticate });
  if (context.config.alipay.dev) await app.register(devGatewayRoutes, { gateway: services.payments.gateway, dev: services.payments.devGateway! });
  await app.register(cartRoutes, { carts: services.carts, identify: optionalUser(context.tokens, loadUser), secret: context.config.jwtSecret });
  await app.register(areaRoutes, { areas: services.areas });
  await app.register(goodsRoutes, { goods: services.goods, pageOf });
  await app.register(contentRoutes, { contents: services.contents });
  // The back office (contract §10): deny by default, each route declares its permission.
  registerAdminGuard(app, { tokens: context.tokens, loadUser, permissionsOf: (id) => services.permissions.permissionsOf(id) });
  await app.register(adminUserRoutes, { users: services.users, accounts: services.accounts });
  await app.register(statisticsRoutes, { statistics: services.userStatistics, orders: services.orders });
  await app.register(visitRoutes, { visits: services.visits });
  await app.register(salesStatisticsRoutes, { sales: services.sales });
  await app.register(adminOrderRoutes, { orders: services.orderAdmin });
  await app.register(adminGoodsRoutes, { skuAdmin: services.skuAdmin, spuAdmin: services.spuAdmin, specAdmin: services.specAdmin, skuCsv: services.skuCsv });
  await app.register(adminPermissionRoutes, { permissions: services.permissions, admins: services.admins, audit: services.audit });
  const maxUploadBytes = context.config.upload.maxBytes;
  await app.register(adminMediaRoutes, { pictures: services.pictures, brands: services.brands, channels: services.channels, maxUploadBytes });
  await app.register(adminContentRoutes, { admin: services.contentAdmin, maxUploadBytes });
  return app;
}
