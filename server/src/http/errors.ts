// The contract's error bodies (§1.5) and the one error handler that produces them.
//   E1 {"<field>": ["msg"]}   E2 {"non_field_errors": ["msg"]}   E3 ["msg"]
//   E4 {"message": "msg"}     E5 {"detail": "msg"}
import type { FastifyError, FastifyInstance } from 'fastify';

export type ErrorBody = Record<string, unknown> | string[];

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body === 'object' && !Array.isArray(body) ? JSON.stringify(body) : String(body));
  }
}

/** E1: collects per-field messages the way a DRF serializer reports every failing field. */
export class FieldErrors {
  private readonly fields: Record<string, string[]> = {};

  add(field: string, message: string): this {
    (this.fields[field] ??= []).push(message);
    return this;
  }

  has(field: string): boolean {
    return field in this.fields;
  }

  get empty(): boolean {
    return Object.keys(this.fields).length === 0;
  }

  get body(): Record<string, string[]> {
    return this.fields;
  }

  toError(): ApiError {
    return new ApiError(400, this.fields);
  }

  throwIfAny(): void {
    if (!this.empty) throw this.toError();
  }
}

export const fieldError = (field: string, message: string) => new ApiError(400, { [field]: [message] });
/** E2; `message` repeats the text for page versions that read `data.message` (contract §13.2). */
export const nonFieldError = (message: string, status = 400) => new ApiError(status, { non_field_errors: [message], message });

/** DRF's texts that more than one place produces. */
export const drf = {
  required: '该字段是必填项。',
  notFound: { detail: '未找到。' },
} as const;

/** The catalogue of named business errors; clients can rely on these texts and statuses. */
export const errors = {
  notFound: () => new ApiError(404, drf.notFound),
  // verifications
  imageCodeExpired: () => nonFieldError('图片验证码无效'),
  imageCodeWrong: () => nonFieldError('图片验证码错误'),
  smsTooFrequent: () => nonFieldError('请勿频繁发送短信'),
  smsIpLimited: () => nonFieldError('发送短信次数过于频繁', 429),
  smsDailyLimit: () => nonFieldError('该手机号今日获取验证码次数已达上限'),
  smsCodeInvalid: () => nonFieldError('无效的短信验证码'),
  smsCodeWrong: () => nonFieldError('短信验证码错误'),
  // users
  passwordsDiffer: () => nonFieldError('两次密码不一致'),
  badCredentials: () => nonFieldError('无法使用提供的认证信息登录。'),
  accountDisabled: () => nonFieldError('用户账户已禁用。'),
  tooManyLoginFailures: () => nonFieldError('登录失败次数过多，请15分钟后再试'),
} as const;

// DRF's zh-hans texts for the JSON-schema checks Fastify runs before a handler.
function validationMessage(error: { keyword: string; params: Record<string, unknown>; parentSchema?: Record<string, unknown> }): string {
  const custom = (error.parentSchema?.messages as Record<string, string> | undefined)?.[error.keyword];
  if (custom) return custom;
  switch (error.keyword) {
    case 'required':
      return drf.required;
    case 'minLength':
      return error.params.limit === 1 ? '该字段不能为空。' : `请确保这个字段至少包含 ${error.params.limit} 个字符。`;
    case 'maxLength':
      return `请确保这个字段不能超过 ${error.params.limit} 个字符。`;
    case 'minimum':
      return `请确保该值大于或者等于 ${error.params.limit}。`;
    case 'maximum':
      return `请确保该值小于或者等于 ${error.params.limit}。`;
    case 'format':
      return error.params.format === 'uuid' ? '必须是有效的 UUID。' : '格式错误。';
    case 'type':
      return error.params.type === 'integer' ? '请填写合法的整数值。' : '不是有效的字符串。';
    default:
      return '格式错误。';
  }
}

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  parentSchema?: Record<string, unknown>;
}

function validationBody(errorsList: AjvError[]): ErrorBody {
  const body = new FieldErrors();
  let shapeError: string | undefined;
  for (const error of errorsList) {
    const field =
      error.keyword === 'required' ? String(error.params.missingProperty) : error.instancePath.split('/').filter(Boolean)[0];
    if (!field) {
      shapeError = '无效数据。期待为字典类型。';
      continue;
    }
    if (!body.has(field)) body.add(field, validationMessage(error));
  }
  if (shapeError || body.empty) return { non_field_errors: [shapeError ?? '无效数据。'] };
  return body.body;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

const DATABASE_DOWN = /^(08|53|57)/; // connection, insufficient resources, operator intervention

/** The database or Redis is unreachable (not a bug in a query): the contract's 507, or a one-line stop at start. */
export function infrastructureFailure(error: unknown): boolean {
  const code = (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code ?? '';
  const message = String((error as Error)?.message ?? '');
  return (
    DATABASE_DOWN.test(code) ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code) ||
    /Connection is closed|Stream isn't writeable|max retries per request/i.test(message)
  );
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    // A URL that exists under other methods is DRF's 405, with the methods it does take.
    const path = request.url.split('?')[0]!;
    const allowed = METHODS.filter((method) => method !== request.method && app.findRoute({ method, url: path }));
    if (allowed.length && METHODS.includes(request.method as (typeof METHODS)[number])) {
      void reply.code(405).header('Allow', [...allowed, 'OPTIONS'].join(', ')).send({ detail: `方法 “${request.method}” 不被允许。` });
      return;
    }
    void reply.code(404).send(drf.notFound);
  });

  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      return reply.code(error.statusCode).headers(error.headers).send(error.body);
    }
    if (error.validation) {
      if (error.validationContext === 'querystring' || error.validationContext === 'body') {
        return reply.code(400).send(validationBody(error.validation as unknown as AjvError[]));
      }
      // A path parameter outside its pattern is a URL that does not exist (Django's 404).
      return reply.code(404).send(drf.notFound);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send({ detail: clientErrorText(error, status, request.headers['content-type']) });
    }
    if (infrastructureFailure(error)) {
      // The contract's custom handler: database/Redis failures are 507 with a generic message.
      request.log.error({ err: error }, 'database or cache unavailable');
      return reply.code(507).send({ message: '服务器内部错误' });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({ message: '服务器内部错误' });
  });
}

function clientErrorText(error: FastifyError, status: number, contentType?: string): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return `不支持请求中的媒体类型 “${contentType ?? ''}”。`;
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return '请求体过大。';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'JSON parse error - 请求体为空或长度不符。';
    default:
      if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return 'JSON parse error - 请求体不是合法的 JSON。';
      return status === 405 ? '方法不被允许。' : '请求有误。';
  }
}
