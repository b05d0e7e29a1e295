// One log line per request (Fastify's default is two), with what an operator scans for.
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

const INFO_OR_LOWER = new Set(['info', 'debug', 'trace']);

export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  /** The completed line already says 404. */
  override routeNotFound(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    // Off the hot path when the line would be dropped anyway (LOG_LEVEL=warn and above).
    if (!error && !INFO_OR_LOWER.has(reply.log.level)) return;
    const line = {
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request');
  }
}
