// HTTP below fetch: requests sent as raw bytes, and the list of routes the app registered.
import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';

/** Every route of the app as `METHOD /url`, read from Fastify's own route tree (not swagger's). */
export function registeredRoutes(app: FastifyInstance): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes().split('\n')) {
    const at = line.search(/[├└]── /);
    if (at < 0) continue;
    const depth = at / 4;
    const [, segment, methods] = /^(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line.slice(at + 4))!;
    stack.length = depth;
    stack.push(segment === '(empty root node)' ? '' : segment!);
    for (const method of methods?.split(', ') ?? []) routes.push(`${method} ${stack.join('')}`);
  }
  return routes;
}

export interface RawResponse {
  status: number;
  /** Header names in lower case; a repeated header keeps its last value. */
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends bytes as they are on a new connection, with no client to fix them up (no Host, HTTP/1.0,
 * bytes fetch refuses), and reads until the server closes the connection: send `Connection:
 * close` with HTTP/1.1. A request left unfinished waits for the server to give up on it;
 * `hangAfterMs` gives up first when the connection stays silent that long.
 */
export function rawRequest(url: string, request: string | Buffer, options: { hangAfterMs?: number } = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: hostname, port: Number(port) }, () => socket.write(request));
    // A fuzzer's hang detector, not synchronisation: no byte for this long fails the request.
    if (options.hangAfterMs) {
      socket.setTimeout(options.hangAfterMs, () => {
        reject(new Error(`no answer within ${options.hangAfterMs} ms`));
        socket.destroy();
      });
    }
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A server that answers and then resets the connection has still answered.
    socket.on('error', (error) => chunks.length || reject(error));
    socket.on('close', () => {
      const bytes = Buffer.concat(chunks);
      const end = bytes.indexOf('\r\n\r\n');
      if (end < 0) return reject(new Error(`no HTTP answer before the connection closed: ${JSON.stringify(bytes.toString('latin1'))}`));
      const [statusLine, ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      const body = bytes.subarray(end + 4);
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, body: (headers['transfer-encoding'] === 'chunked' ? dechunk(body) : body).toString('utf8') });
    });
  });
}

function dechunk(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; ; ) {
    const lineEnd = bytes.indexOf('\r\n', at);
    const size = parseInt(bytes.subarray(at, lineEnd).toString('latin1'), 16);
    if (!size) return Buffer.concat(parts);
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
