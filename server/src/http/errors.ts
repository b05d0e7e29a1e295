// The one error handler: domain errors (errors.ts, by catalogue code), schema validation and
// framework errors onto the contract's error bodies (§1.5).
//   E1 {"<field>": ["msg"]}   E2 {"non_field_errors": ["msg"]}   E3 ["msg"]
//   E4 {"message": "msg"}     E5 {"detail": "msg"}
import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { FINITE } from '@meiduo/contract/common';
import { ERRORS, errorText } from '@meiduo/contract/errors';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { DomainError, fail, type ErrorCode, type Failure } from '../errors.js';

export type ErrorBody = Record<string, unknown> | string[];

/** The contract's body for a domain error; E1 failures of several fields merge into one body. */
export function errorBody(error: DomainError): ErrorBody {
  const entry = ERRORS[error.code];
  const text = (failure: Failure) => errorText(failure.code, failure.params);
  switch (entry.shape) {
    case 'field': {
      const fields: Record<string, string[]> = {};
      for (const failure of error.failures) (fields[failure.field ?? ERRORS[failure.code].field ?? 'field'] ??= []).push(text(failure));
      return fields;
    }
    case 'non_field':
      // `message` repeats the text for page versions that read `data.message` (contract §13.2).
      return { non_field_errors: [text(error.failures[0])], message: text(error.failures[0]) };
    case 'list':
      return [text(error.failures[0])];
    case 'message':
      return { message: text(error.failures[0]) };
    case 'detail':
      return { detail: text(error.failures[0]) };
  }
}

/** The header that names the catalogue code of an error answer, for clients to switch on. */
export const ERROR_CODE_HEADER = 'Error-Code';

export interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

/** The catalogue code for a failed JSON-schema check (DRF's texts for the same mistakes). */
export function validationCode(error: AjvError): ErrorCode {
  switch (error.keyword) {
    case 'required':
      return 'field_required';
    case 'minLength':
      return error.params.limit === 1 ? 'field_blank' : 'field_too_short';
    case 'maxLength':
      return 'field_too_long';
    case 'minimum':
      return 'field_too_small';
    case 'maximum':
      return 'field_too_large';
    case 'format':
      return error.params.format === 'uuid' ? 'field_bad_uuid' : 'field_bad_format';
    case 'type':
      return error.params.type === 'integer' ? 'field_not_integer' : 'field_not_string';
    case FINITE:
      return 'field_not_integer';
    default:
      return 'field_bad_format';
  }
}

/** Every failing field once, with its first failure (as a DRF serializer reports them). */
function validationError(errorsList: AjvError[]): DomainError {
  const failures = new Map<string, Failure>();
  for (const error of errorsList) {
    const field = error.keyword === 'required' ? String(error.params.missingProperty) : error.instancePath.split('/').filter(Boolean)[0];
    if (!field) return fail('body_not_object');
    if (!failures.has(field)) failures.set(field, { code: validationCode(error), field, params: { limit: String(error.params.limit) } });
  }
  const [first, ...rest] = failures.values();
  return first ? new DomainError([first, ...rest]) : fail('body_invalid');
}

/** Fastify's and its plugins' own client errors (parsing the body, its size and type; a refused media path). */
function requestError(error: FastifyError, contentType?: string): DomainError {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return fail('media_type_unsupported', { params: { type: contentType ?? '' } });
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return fail('body_too_large');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return fail('body_empty');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return fail('body_bad_json');
  }
  if (error instanceof SyntaxError) return fail('body_bad_json');
  switch (error.statusCode) {
    // @fastify/static refuses paths outside the canonical form (FST_STATIC_FORBIDDEN_PATH) and
    // files it will not serve: to the client, no such file.
    case 403:
    case 404:
      return fail('not_found');
    case 408:
      return fail('request_timeout');
    case 413:
      return fail('body_too_large');
    case 416:
      return fail('range_not_satisfiable');
    case 431:
      return fail('headers_too_large');
    default:
      return fail('bad_request');
  }
}

/**
 * Fastify's own answers before routing, in the contract's shape: a URL that does not decode
 * (FST_ERR_BAD_URL) or whose parameter is over maxParamLength is a URL that does not exist.
 */
export function frameworkErrors(_error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  void sendError(reply, fail('not_found'));
}

/** Writes an error answer straight on a connection (Fastify has no request for it) and closes it. */
function answerOnSocket(socket: Socket, answer: DomainError, cause?: Error): void {
  if (socket.writable) {
    const body = JSON.stringify(errorBody(answer));
    socket.write(
      `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n${ERROR_CODE_HEADER}: ${answer.code}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(cause);
}

/**
 * Node's own answers, before Fastify has a request (a request not received within
 * REQUEST_TIMEOUT_SECONDS, headers over Node's 16 KB, bytes that are not HTTP): written on the
 * socket in the contract's shape, with the Error-Code header, then the connection is closed.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  // A response already begun cannot take another status line (Node's own handler holds back too).
  if ((socket as Socket & { _httpMessage?: ServerResponse })._httpMessage?.headersSent) return void socket.destroy(error);
  const code = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'request_timeout' : error.code === 'HPE_HEADER_OVERFLOW' ? 'headers_too_large' : 'bad_request';
  answerOnSocket(socket, fail(code), error);
}

/**
 * The server options every host of ours shares (the API, the storefront and later the back
 * office): a request must arrive whole within REQUEST_TIMEOUT_SECONDS (Fastify's default is no
 * limit: a body sent slowly held its connection forever), idle keep-alive connections close
 * after KEEP_ALIVE_TIMEOUT_SECONDS, and Node's and Fastify's own refusals answer in the
 * contract's shape.
 */
export function connectionOptions(config: Pick<Config, 'requestTimeoutSeconds' | 'keepAliveTimeoutSeconds'>) {
  const requestTimeout = Math.round(config.requestTimeoutSeconds * 1000);
  return {
    requestTimeout,
    keepAliveTimeout: Math.round(config.keepAliveTimeoutSeconds * 1000),
    // Node looks for expired requests every 30 s by default: every quarter timeout, at most 1 s.
    // (headersTimeout follows requestTimeout: at most 60 s, never more than it.)
    http: { requestTimeout, connectionsCheckingInterval: Math.min(1_000, Math.ceil(requestTimeout / 4)) },
    clientErrorHandler,
    frameworkErrors,
  };
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

/** Sends a domain error: its status, the contract's body, its code, and the headers it implies. */
export function sendError(reply: FastifyReply, error: DomainError, status = error.status): FastifyReply {
  void reply.code(status).header(ERROR_CODE_HEADER, error.code);
  if (status === 401) void reply.header('WWW-Authenticate', 'JWT realm="api"');
  if (error.retryAfter !== undefined) void reply.header('Retry-After', String(error.retryAfter));
  return reply.send(errorBody(error));
}

export function registerErrorHandling(app: FastifyInstance): void {
  // Node hands CONNECT (a proxy's method) to a listener of its own, or drops the connection
  // without a word: the shop takes no such method.
  app.server.on('connect', (_request: unknown, socket: Socket) => {
    socket.on('error', () => {}); // Node no longer listens on this socket; a reset must not crash the process
    answerOnSocket(socket, fail('method_not_allowed', { params: { method: 'CONNECT' } }));
  });
  app.setNotFoundHandler((request, reply) => {
    // A URL that exists under other methods is DRF's 405, with the methods it does take.
    const path = request.url.split('?')[0]!;
    const allowed = METHODS.filter((method) => method !== request.method && app.findRoute({ method, url: path }));
    if (allowed.length && METHODS.includes(request.method as (typeof METHODS)[number])) {
      void reply.header('Allow', [...allowed, 'OPTIONS'].join(', '));
      return sendError(reply, fail('method_not_allowed', { params: { method: request.method } }));
    }
    return sendError(reply, fail('not_found'));
  });

  app.setErrorHandler((error: FastifyError | DomainError, request, reply) => {
    if (error instanceof DomainError) return sendError(reply, error);
    if (error.validation) {
      // A path parameter outside its pattern is a URL that does not exist (Django's 404).
      if (error.validationContext === 'params') return sendError(reply, fail('not_found'));
      // The query, the body, a header: reported under the field (the header's name) that failed.
      return sendError(reply, validationError(error.validation as unknown as AjvError[]));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendError(reply, requestError(error, request.headers['content-type']));
    if (infrastructureFailure(error)) {
      // The contract's custom handler: database/Redis failures are 507 with a generic message.
      request.log.error({ err: error }, 'database or cache unavailable');
      return sendError(reply, fail('server.unavailable'));
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, fail('server.error'));
  });
}
