// The catalogue of the shop's domain errors: a stable code per situation, its HTTP status, the
// contract's body shape (§1.5) and its text. The API answers with the shape and sends the code
// in the `Error-Code` header; clients may switch on the code, and the pages show the text.
// No imports: the pages bundle this file as is.
//
//   E1 field       {"<field>": ["text"]}        E2 non_field  {"non_field_errors": ["text"]}
//   E3 list        ["text"]                     E4 message    {"message": "text"}
//   E5 detail      {"detail": "text"}
// `{name}` in a text is filled from the error's parameters.

export type ErrorShape = 'field' | 'non_field' | 'list' | 'message' | 'detail';

export interface ErrorEntry {
  status: number;
  shape: ErrorShape;
  text: string;
  /** E1: the field the text is reported under (a caller may name another). */
  field?: string;
}

const field = (name: string, text: string, status = 400): ErrorEntry => ({ status, shape: 'field', field: name, text });
const nonField = (text: string, status = 400): ErrorEntry => ({ status, shape: 'non_field', text });
const detail = (status: number, text: string): ErrorEntry => ({ status, shape: 'detail', text });
const message = (status: number, text: string): ErrorEntry => ({ status, shape: 'message', text });
const list = (text: string, status = 400): ErrorEntry => ({ status, shape: 'list', text });

export const ERRORS = {
  // framework (DRF's texts)
  not_found: detail(404, '未找到。'),
  page_invalid: detail(404, '无效页面。'),
  method_not_allowed: detail(405, '方法 “{method}” 不被允许。'),
  // the request itself: schema validation per field (DRF's texts), then the body as a whole
  field_required: field('field', '该字段是必填项。'),
  field_blank: field('field', '该字段不能为空。'),
  field_too_short: field('field', '请确保这个字段至少包含 {limit} 个字符。'),
  field_too_long: field('field', '请确保这个字段不能超过 {limit} 个字符。'),
  field_too_small: field('field', '请确保该值大于或者等于 {limit}。'),
  field_too_large: field('field', '请确保该值小于或者等于 {limit}。'),
  field_not_integer: field('field', '请填写合法的整数值。'),
  field_not_string: field('field', '不是有效的字符串。'),
  field_bad_uuid: field('field', '必须是有效的 UUID。'),
  field_bad_format: field('field', '格式错误。'),
  // PostgreSQL cannot store the character, and no field of the shop has a use for it.
  field_nul: field('field', '该字段不能包含空字符（NUL）。'),
  body_not_object: nonField('无效数据。期待为字典类型。'),
  body_invalid: nonField('无效数据。'),
  body_bad_json: detail(400, 'JSON parse error - 请求体不是合法的 JSON。'),
  body_empty: detail(400, 'JSON parse error - 请求体为空或长度不符。'),
  body_too_large: detail(413, '请求体过大。'),
  media_type_unsupported: detail(415, '不支持请求中的媒体类型 “{type}”。'),
  bad_request: detail(400, '请求有误。'),
  request_timeout: detail(408, '请求超时。'),
  headers_too_large: detail(431, '请求头过大。'),
  range_not_satisfiable: detail(416, '请求的范围无法满足。'),
  // authentication (djangorestframework-jwt's texts); every 401 carries WWW-Authenticate
  'auth.missing': detail(401, '身份认证信息未提供。'),
  'auth.no_credentials': detail(401, 'Invalid Authorization header. No credentials provided.'),
  'auth.spaces': detail(401, 'Invalid Authorization header. Credentials string should not contain spaces.'),
  'auth.expired': detail(401, 'Signature has expired.'),
  'auth.undecodable': detail(401, 'Error decoding signature.'),
  'auth.unknown_user': detail(401, 'Invalid signature.'),
  'auth.disabled': detail(401, 'User account is disabled.'),
  'auth.revoked': detail(401, '登录状态已失效，请重新登录。'),
  permission_denied: detail(403, '您没有执行该操作的权限。'),
  // verifications
  'captcha.expired': nonField('图片验证码无效'),
  'captcha.wrong': nonField('图片验证码错误'),
  'sms.too_frequent': nonField('请勿频繁发送短信'),
  'sms.ip_limited': nonField('发送短信次数过于频繁', 429),
  'sms.daily_limit': nonField('该手机号今日获取验证码次数已达上限'),
  'sms.code_invalid': nonField('无效的短信验证码'),
  'sms.code_wrong': nonField('短信验证码错误'),
  // users
  'user.username_length': field('username', '仅允许5-20个字符的用户名'),
  'user.username_chars': field('username', '请输入合法的用户名。只能包含字母、数字和@/./+/-/_ 字符。'),
  'user.username_digits': field('username', '用户名不能为纯数字'),
  'user.username_taken': field('username', '已存在一位使用该名字的用户。'),
  'user.password_length': field('password', '仅允许8-20个字符的密码'),
  'user.mobile_format': field('mobile', '手机号格式错误'),
  'user.mobile_taken': field('mobile', '具有 手机号 的 用户 已存在。'),
  'user.allow_required': field('allow', '请同意用户协议'),
  'user.passwords_differ': nonField('两次密码不一致'),
  'user.bad_credentials': nonField('无法使用提供的认证信息登录。'),
  'user.disabled': nonField('用户账户已禁用。'),
  'user.login_throttled': nonField('登录尝试过于频繁，请{seconds}秒后再试', 429),
  'user.captcha_required': nonField('请输入图片验证码'),
  'user.old_password_wrong': field('old_password', '原密码错误'),
  // the back office (contract §10)
  'admin.group_name_taken': field('name', '具有 名称 的 组 已存在。'),
  /** An id, or a list of ids (permissions, groups, a content type), naming what does not exist: the field is set per use. */
  'admin.unknown_ids': field('field', '无效主键 - 对象不存在。'),
  'admin.permission_taken': nonField('字段 content_type, codename 必须能构成唯一集合。'),
  /** The catalogue's permissions are code (every admin route names one): not edited by hand. */
  'admin.permission_builtin': nonField('内置权限不能修改或删除。'),
  // uploads (the back office's pictures and logos; the field is set per use)
  'upload.not_file': field('image', '提交的数据不是一个文件。请检查表单的编码类型。'),
  'upload.empty': field('image', '提交的是空文件。'),
  'upload.not_image': field('image', '上传一个有效的图片。您上传的该文件不是图片或者图片已经损坏。'),
  'upload.too_large': field('image', '图片不能超过 {limit}。'),
  'upload.too_many_pixels': field('image', '图片像素过多，不能超过 {limit} 像素。'),
  'upload.too_many_parts': nonField('表单项过多：一次只能上传一个文件。'),
  // the catalogue's pictures, brands and channels, the home page's slots (back office)
  'brand.first_letter': field('first_letter', '请填写一个 A-Z 的字母。'),
  'brand.in_use': nonField('该品牌下还有商品，不能删除。'),
  'channel.category_not_top': field('category_id', '频道只能对应一级分类。'),
  'channel.category_taken': field('category_id', '该分类已有频道。'),
  'channel_group.name_taken': field('name', '具有 名称 的 频道组 已存在。'),
  'channel_group.in_use': nonField('该频道组下还有频道，不能删除。'),
  /** The dashboard's date ranges (start and end both included). */
  'admin.date_range_reversed': field('end', '结束日期不能早于开始日期。'),
  'admin.date_range_too_long': field('end', '日期范围不能超过 {limit} 天。'),
  // the back office's catalogue (contract §10.5–§10.7)
  'goods.category_chain': nonField('分类必须逐级隶属：二级分类属于所选一级分类，三级分类属于所选二级分类。'),
  'goods.sku_category': field('category_id', 'SKU的分类必须是其SPU的三级分类。'),
  'goods.spec_not_of_spu': field('specs', '规格 {id} 不属于该SPU。'),
  'goods.option_not_of_spec': field('specs', '选项 {option} 不属于规格 {spec}。'),
  'goods.specs_incomplete': field('specs', '必须为该SPU的每个规格各选一个选项（缺少：{missing}）。'),
  'goods.spec_repeated': field('specs', '规格 {id} 重复出现。'),
  'goods.sku_ordered': nonField('该SKU已有订单，不能删除；可以将其下架。'),
  'goods.spu_ordered': nonField('该SPU下的SKU已有订单，不能删除；可以将其SKU下架。'),
  'goods.spec_in_use': nonField('该规格已被SKU使用，不能删除。'),
  'goods.price_range': field('price_max', '最高价不能低于最低价。'),
  'goods.option_in_use': nonField('该选项已被SKU使用，不能删除。'),
  'goods.csv_header': nonField('CSV 的第一行必须是 id,price,stock。'),
  'goods.money_format': field('price', '请填写有效的金额（最多两位小数）。'),
  'goods.stock_format': field('stock', '库存必须是非负整数。'),
  // password reset by SMS (the pages read `message`, or the field under sms_code)
  'reset.user_missing': message(404, '用户不存在'),
  'reset.access_token_missing': message(400, '缺少access_token'),
  'reset.access_token_invalid': message(400, '无效的access_token'),
  'reset.sms_too_frequent': message(429, '发送短信次数过于频繁'),
  'reset.sms_user_missing': field('sms_code', '用户不存在'),
  'reset.sms_code_invalid': field('sms_code', '无效短信验证码'),
  'reset.sms_code_wrong': field('sms_code', '短信验证码错误'),
  'reset.token_invalid': nonField('无效的access token'),
  'reset.throttled': message(429, '操作过于频繁，请{seconds}秒后再试'),
  // QQ login (the pages read `message`)
  'qq.code_missing': message(400, '缺少code'),
  'qq.unavailable': message(503, 'QQ服务器内部错误'),
  'qq.not_configured': message(503, 'QQ登录未配置'),
  'qq.token_invalid': nonField('无效的access_token'),
  'qq.password_wrong': nonField('密码错误'),
  'qq.already_bound': nonField('该QQ已绑定其他账号'),
  // cart (the pages read non_field_errors[0])
  'cart.sku_missing': nonField('商品不存在'),
  'cart.out_of_stock': nonField('商品库存不足'),
  'cart.remove_sku_missing': field('sku_id', '商品不存在'),
  'cart.full': nonField('购物车已满，最多可放{limit}种商品'),
  // orders (the place-order page alerts data[0]: an E3 list)
  'order.address_invalid': field('address', '无效主键 “{id}” － 对象不存在。'),
  'order.pay_method_invalid': field('pay_method', '“{value}” 不是合法选项。'),
  'order.cart_empty': list('购物车中没有选中的商品'),
  'order.out_of_stock': list('商品库存不足'),
  'order.idempotency_key_reused': list('该幂等键已用于另一笔请求', 422),
  'order.not_cancellable': list('该订单当前不能取消'),
  'order.not_receivable': list('该订单尚未发货，不能确认收货'),
  // the back office's orders: a move the transition table has no step for changes nothing
  'order.status_illegal': field('status', '订单状态不能从“{from}”改为“{to}”'),
  'order.refund_failed': message(502, '支付宝退款未完成，请稍后重试'),
  // the ship form's rules (order-rules.ts), checked by the pages before the API's schema
  'order.carrier_length': field('carrier', '快递公司不能超过 30 个字符'),
  'order.tracking_number_format': field('tracking_number', '运单号为 1–40 位字母、数字或“-”'),
  // payment (the pages read `message`)
  'payment.order_invalid': message(400, '订单信息有误'),
  'payment.forged': message(403, '非法请求'),
  'payment.order_closed': message(400, '订单已关闭，款项将原路退回'),
  // addresses
  'address.limit': message(400, '保存地址数据已达到上限'),
  'address.tel_format': field('tel', '固定电话格式错误'),
  'address.email_format': field('email', '请输入合法的邮件地址。'),
  'address.area_missing': field('province_id', '无效主键 “{id}” － 对象不存在。'),
  'address.province_invalid': field('province_id', '请选择省份'),
  'address.city_outside_province': field('city_id', '所选城市不在所选省份内'),
  'address.district_outside_city': field('district_id', '所选区县不在所选城市内'),
  // e-mail and its verification link (the page reads only the status of the link's check)
  'email.format': field('email', '请输入合法的邮件地址。'),
  'email.token_missing': message(400, '缺少token'),
  'email.token_invalid': message(400, '链接信息无效'),
  // browse history
  'history.sku_missing': field('sku_id', 'sku_id不存在'),
  // the server itself (the contract's custom handler)
  'server.unavailable': message(507, '服务器内部错误'),
  'server.error': message(500, '服务器内部错误'),
} as const satisfies Record<string, ErrorEntry>;

export type ErrorCode = keyof typeof ERRORS;

/** The entry's text with `{name}` filled in. */
export function errorText(code: ErrorCode, params: Record<string, string> = {}): string {
  return ERRORS[code].text.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
