// Every module's service, built once per process from the context. The API, the worker and
// the tests share this wiring.
import type { Context } from './context.js';
import { AdminService } from './modules/admin/admins.js';
import { PermissionService } from './modules/admin/permissions.js';
import { AuditTrail } from './modules/admin/audit.js';
import { AreaService } from './modules/areas/service.js';
import { CartService } from './modules/carts/service.js';
import { OAuthService } from './modules/oauth/service.js';
import { CommentService } from './modules/orders/comments.js';
import { OrderService } from './modules/orders/service.js';
import { PaymentService } from './modules/payment/service.js';
import { AlipayGateway, alipayKeys } from './infra/alipay.js';
import { ContentService } from './modules/contents/service.js';
import { GoodsService } from './modules/goods/service.js';
import { SkuAdmin } from './modules/goods/sku-admin.js';
import { SkuCsv } from './modules/goods/sku-csv.js';
import { SpecAdmin } from './modules/goods/spec-admin.js';
import { SpuAdmin } from './modules/goods/spu-admin.js';
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
  const [users, areas, goods, contents, permissions] = await Promise.all([
    UserService.create(context, verifications),
    AreaService.create(context),
    GoodsService.create(context),
    ContentService.create(context),
    PermissionService.create(context),
  ]);
  const audit = new AuditTrail(context);
  const accounts = new AccountService(context, users);
  const skuAdmin = await SkuAdmin.create(context, goods, audit);
  const spuAdmin = new SpuAdmin(context, goods, audit, skuAdmin);
  const specAdmin = new SpecAdmin(context, goods, audit);
  const skuCsv = new SkuCsv(context, goods, audit);
  const userStatistics = new UserStatistics(context);
  const admins = new AdminService(context, users, accounts, permissions);
  const histories = new BrowseHistoryService(context, goods);
  const addresses = new AddressService(context, areas);
  const passwords = new PasswordService(context, users, verifications);
  const emails = new EmailService(context, users);
  const oauth = new OAuthService(context, users, verifications);
  const carts = new CartService(context, goods);
  const orders = new OrderService(context, goods, carts);
  const comments = new CommentService(context, goods);
  const payments = new PaymentService(context, new AlipayGateway(context.config.alipay, () => alipayKeys(context.config)));
  return { audit, skuAdmin, spuAdmin, specAdmin, skuCsv, verifications, users, accounts, userStatistics, permissions, admins, areas, goods, contents, histories, addresses, passwords, emails, oauth, carts, orders, payments, comments };
}
