// Every module's service, built once per process from the context. The API, the worker and
// the tests share this wiring.
import type { Context } from './context.js';
import { AdminService } from './modules/admin/admins.js';
import { PermissionService } from './modules/admin/permissions.js';
import { AuditTrail } from './audit.js';
import { AreaService } from './modules/areas/service.js';
import { CartService } from './modules/carts/service.js';
import { OAuthService } from './modules/oauth/service.js';
import { CommentService } from './modules/orders/comments.js';
import { MyOrders } from './modules/orders/my-orders.js';
import { OrderAdmin } from './modules/orders/admin.js';
import { OrderService } from './modules/orders/service.js';
import { SalesStatistics } from './modules/orders/sales-statistics.js';
import { DevAlipay } from './modules/payment/dev-gateway.js';
import { PaymentService } from './modules/payment/service.js';
import { AlipayGateway, alipayKeys } from './infra/alipay.js';
import { ContentAdmin } from './modules/contents/admin.js';
import { ContentService } from './modules/contents/service.js';
import { BrandService } from './modules/goods/brands.js';
import { ChannelService } from './modules/goods/channels.js';
import { SkuPictureService } from './modules/goods/pictures.js';
import { GoodsService } from './modules/goods/service.js';
import { SkuAdmin } from './modules/goods/sku-admin.js';
import { SkuCsv } from './modules/goods/sku-csv.js';
import { SpecAdmin } from './modules/goods/spec-admin.js';
import { SpuAdmin } from './modules/goods/spu-admin.js';
import { CategoryVisits } from './modules/goods/visits.js';
import { AddressService } from './modules/users/addresses.js';
import { EmailService } from './modules/users/emails.js';
import { BrowseHistoryService } from './modules/users/history.js';
import { PasswordService } from './modules/users/passwords.js';
import { AccountService } from './modules/users/accounts.js';
import { UserService } from './modules/users/service.js';
import { UserStatistics } from './modules/users/statistics.js';
import { VerificationService } from './modules/verifications/service.js';

export type Services = Awaited<ReturnType<typeof createServices>>;

export async function createServices(context: Context) {
  const verifications = new VerificationService(context);
  const audit = new AuditTrail(context);
  const [users, areas, goods, contents, permissions] = await Promise.all([
    UserService.create(context, verifications),
    AreaService.create(context),
    GoodsService.create(context),
    ContentService.create(context),
    PermissionService.create(context, audit),
  ]);
  const visits = await CategoryVisits.create(context);
  const sales = await SalesStatistics.create(context);
  const accounts = new AccountService(context, users, audit);
  const pictures = new SkuPictureService(context, goods, audit);
  const skuAdmin = await SkuAdmin.create(context, goods, audit, pictures);
  const spuAdmin = new SpuAdmin(context, goods, audit, skuAdmin);
  const specAdmin = new SpecAdmin(context, goods, audit);
  const skuCsv = new SkuCsv(context, goods, audit);
  const userStatistics = new UserStatistics(context, users);
  const admins = new AdminService(context, users, accounts, permissions, audit);
  const histories = new BrowseHistoryService(context, goods);
  const addresses = new AddressService(context, areas);
  const passwords = new PasswordService(context, users, verifications);
  const emails = new EmailService(context, users);
  const oauth = new OAuthService(context, users, verifications);
  const carts = new CartService(context, goods);
  const orders = new OrderService(context, goods, carts);
  const comments = new CommentService(context, goods);
  const brands = new BrandService(context, pictures, audit, goods);
  const channels = new ChannelService(context, goods, audit);
  const contentAdmin = new ContentAdmin(context, contents, audit);
  // In development the stand-in gateway answers the server-to-server calls (refunds) in process.
  const devAlipay: DevAlipay | undefined = context.config.alipay.dev ? new DevAlipay(() => gateway.keys) : undefined;
  const gateway: AlipayGateway = new AlipayGateway(context.config.alipay, () => alipayKeys(context.config), devAlipay && ((params): Promise<string> => devAlipay.answer(params)));
  const payments = new PaymentService(context, gateway, devAlipay);
  const orderAdmin = new OrderAdmin(context, orders, payments, audit);
  const myOrders = new MyOrders(context, carts, orders, payments);
  return {
    ...{ audit, verifications, users, accounts, userStatistics, permissions, admins, areas, goods, contents, histories, addresses, passwords, emails, oauth },
    ...{ carts, orders, myOrders, orderAdmin, payments, comments, pictures, brands, channels, contentAdmin, visits, sales, skuAdmin, spuAdmin, specAdmin, skuCsv },
  };
}
