// One log line per request, with method, URL, status and time; none when the level is above info.
import { Writable } from 'node:stream';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { OneLinePerRequest } from './request-log.js';

async function logsOf(level: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const app = Fastify({ loggerInstance: pino({ level }, stream) as FastifyBaseLogger, logController: new OneLinePerRequest() });
  app.get('/ok/', async () => ({ ok: true }));
  await app.inject({ method: 'GET', url: '/ok/?q=1', headers: { authorization: 'JWT secret-token' } });
  await app.inject({ method: 'GET', url: '/missing/' });
  await app.close();
  return lines.filter((line) => line.msg !== 'Server listening');
}

describe('request log', () => {
  it('writes exactly one line per request, without headers', async () => {
    const lines = await logsOf('info');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ msg: 'request', method: 'GET', url: '/ok/?q=1', status: 200, ms: expect.any(Number) });
    expect(lines[1]).toMatchObject({ msg: 'request', url: '/missing/', status: 404 });
    expect(JSON.stringify(lines)).not.toContain('secret-token');
  });

  it('writes nothing for successful requests above the info level', async () => {
    expect(await logsOf('warn')).toEqual([]);
  });
});
