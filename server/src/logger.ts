// The process's logger (pino), and what it never writes: credentials in fields (redact), and in
// errors the values they carry. A failed query's error (drizzle's DrizzleQueryError) holds the
// statement's parameters, in `params` and in its message and stack, and PostgreSQL's own error
// under it echoes row values (`detail`: "Key (username)=(alice) already exists.", `where`: a
// bind parameter's value); a Redis client's error holds its command's arguments. So an error is
// logged by an allow-list: its type, message and stack frames, the fields that name what failed
// (SQLSTATE, constraint, table, the query text with its placeholders), and its cause, the same way.
import type { DestinationStream, Logger } from 'pino';
import { pino } from 'pino';
import type { Config } from './config.js';

/** Fields of an error (or of its cause) that name what failed without any value in it. */
const NAMING_FIELDS = ['code', 'statusCode', 'severity', 'constraint', 'schema', 'table', 'column', 'dataType', 'routine', 'query'] as const;
const MAX_CAUSES = 5;

/** PostgreSQL's data exceptions (SQLSTATE class 22) quote the value they refused: "invalid input syntax for type integer: "…"". */
const quotedValues = (message: string) => message.replace(/"[^"]*"/g, '"***"');

/** An error as logged: see the file's comment. */
export function loggedError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return error;
  const fields = error as unknown as Record<string, unknown>;
  const type = error.constructor.name;
  let message = error.message;
  // drizzle's message is "Failed query: <text>\nparams: <values>".
  if (message.startsWith('Failed query: ') && typeof fields.query === 'string') message = `Failed query: ${fields.query}`;
  if (typeof fields.code === 'string' && fields.code.startsWith('22')) message = quotedValues(message);
  const logged: Record<string, unknown> = { type, message };
  for (const name of NAMING_FIELDS) {
    const value = fields[name];
    if (typeof value === 'string' || typeof value === 'number') logged[name] = value;
  }
  const frames = (error.stack ?? '').split('\n').filter((line) => line.startsWith('    at '));
  logged.stack = [`${type}: ${message}`, ...frames].join('\n');
  if (error.cause !== undefined && depth < MAX_CAUSES) logged.cause = loggedError(error.cause, depth + 1);
  return logged;
}

export function createLogger(config: Pick<Config, 'env' | 'logLevel'>, destination?: DestinationStream): Logger {
  const pretty = !destination && config.env === 'development' && process.stdout.isTTY;
  const options = {
    level: config.logLevel,
    redact: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.password2', '*.sms_code'],
    serializers: { err: loggedError },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } } : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}
