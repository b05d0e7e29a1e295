// The back office's permissions (contract §10.12, §11.6): Django-style codenames, one
// view/add/change/delete quartet per resource. Every admin route declares one of these; the API
// seeds them as rows of auth_permission, which groups and administrators are granted.
import { Type, type Static } from '@sinclair/typebox';

/** Django's content types (app label, model) of what the back office manages, with the name it shows. */
export const RESOURCES = [
  { app: 'users', model: 'user', name: '用户' },
  { app: 'auth', model: 'group', name: '用户组' },
  { app: 'auth', model: 'permission', name: '权限' },
  { app: 'contenttypes', model: 'contenttype', name: '内容类型' },
  { app: 'goods', model: 'sku', name: '商品SKU' },
  { app: 'goods', model: 'skuimage', name: 'SKU图片' },
  { app: 'goods', model: 'spu', name: '商品SPU' },
  { app: 'goods', model: 'spuspecification', name: '商品规格' },
  { app: 'goods', model: 'specificationoption', name: '规格选项' },
  { app: 'goods', model: 'brand', name: '品牌' },
  { app: 'goods', model: 'goodscategory', name: '商品类别' },
  { app: 'goods', model: 'goodschannel', name: '商品频道' },
  { app: 'goods', model: 'goodschannelgroup', name: '频道组' },
  { app: 'orders', model: 'orderinfo', name: '订单' },
  { app: 'contents', model: 'content', name: '广告内容' },
  { app: 'contents', model: 'contentcategory', name: '广告类别' },
  { app: 'admin', model: 'logentry', name: '操作日志' },
] as const;

export const ACTIONS = { view: '查看', add: '添加', change: '修改', delete: '删除' } as const;

type Resource = (typeof RESOURCES)[number];
/** `app_label.codename`, as Django's has_perm takes it: `users.view_user`, `goods.add_sku`. */
export type PermissionCode = { [R in Resource as R['model']]: `${R['app']}.${keyof typeof ACTIONS}_${R['model']}` }[Resource['model']];

/** Every permission of the catalogue, with the name it is stored under. */
export const PERMISSION_CATALOGUE = RESOURCES.flatMap((resource) =>
  (Object.keys(ACTIONS) as (keyof typeof ACTIONS)[]).map((action) => ({
    app: resource.app,
    model: resource.model,
    codename: `${action}_${resource.model}`,
    name: `${ACTIONS[action]}${resource.name}`,
    code: `${resource.app}.${action}_${resource.model}` as PermissionCode,
  })),
);

const Ids = Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 1000 });

export const PermissionItem = Type.Object({ id: Type.Integer(), name: Type.String(), codename: Type.String(), content_type: Type.Integer() });
export type PermissionItem = Static<typeof PermissionItem>;
export const PermissionInput = Type.Object({
  name: Type.String({ maxLength: 255 }),
  codename: Type.String({ maxLength: 100 }),
  content_type: Type.Integer({ minimum: 1 }),
});
export type PermissionInput = Static<typeof PermissionInput>;
export const Named = Type.Object({ id: Type.Integer(), name: Type.String() });
export type Named = Static<typeof Named>;
export const GroupItem = Type.Object({ id: Type.Integer(), name: Type.String(), permissions: Type.Array(Type.Integer()) });
export type GroupItem = Static<typeof GroupItem>;
export const GroupInput = Type.Object({ name: Type.String({ maxLength: 150 }), permissions: Type.Optional(Ids) });
export type GroupInput = Static<typeof GroupInput>;
export const IdParams = Type.Object({ id: Type.String({ pattern: '^[0-9]{1,9}$' }) });
export type IdParams = Static<typeof IdParams>;
export const AdminItem = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  email: Type.String(),
  mobile: Type.String(),
  groups: Type.Array(Type.Integer()),
  user_permissions: Type.Array(Type.Integer()),
});
export type AdminItem = Static<typeof AdminItem>;
/** The password may be absent or blank on an edit: it then stays (the app never sends the old one). */
export const AdminInput = Type.Object({
  username: Type.String({ maxLength: 150 }),
  password: Type.Optional(Type.String({ maxLength: 128 })),
  mobile: Type.String({ maxLength: 32 }),
  email: Type.Optional(Type.String({ maxLength: 254 })),
  groups: Type.Optional(Ids),
  user_permissions: Type.Optional(Ids),
});
export type AdminInput = Static<typeof AdminInput>;

/**
 * GET /meiduo_admin/me/: the administrator the token names and what it may do, so the back
 * office shows only the screens and buttons it may use. A superuser has every permission
 * (`is_superuser`); the list then names them all.
 */
export const AdminMe = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  is_superuser: Type.Boolean(),
  permissions: Type.Array(Type.String()),
});
export type AdminMe = Static<typeof AdminMe>;
