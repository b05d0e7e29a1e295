// Prometheus metrics (prom-client). Each context has its own registry (a test process runs
// several malls); the process-wide ones (CPU, memory, event loop, GC) are collected once per
// process. What the hot path counts are plain numbers, turned into series only when scraped:
// prom-client's own `observe`/`inc` hash their labels on every call.
import { collectDefaultMetrics, Counter, Gauge, Registry, type Metric } from 'prom-client';
import type { Cache } from './cache/types.js';
import { memoStats } from './cache/memo.js';
import type { QueueCounts } from './queue/types.js';

export type MetricsRegistry = Registry;

export function createMetricsRegistry(): MetricsRegistry {
  return new Registry();
}

let processRegistry: Registry | undefined;

/** Text for a scrape: the process's default metrics, then this registry's. */
export async function exposition(registry: MetricsRegistry): Promise<string> {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return `${await processRegistry.metrics()}\n${await registry.metrics()}`;
}

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

type Labels = Record<string, string>;
interface Sample {
  labels: Labels;
  value: number;
  metricName?: string;
}

/** A metric whose samples are computed when scraped, in the shape prom-client's registry reads. */
function registerCollector(registry: Registry, name: string, help: string, type: 'counter' | 'histogram', samples: () => Sample[]): void {
  const collector = {
    name,
    help,
    type,
    aggregator: 'sum',
    get: async () => ({ name, help, type, aggregator: 'sum', values: samples() }),
  };
  registry.registerMetric(collector as unknown as Metric);
}

// Upper bounds of the latency buckets, in milliseconds (exported as seconds).
const BOUNDS_MS = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];
const BOUNDS_LE = [...BOUNDS_MS.map((ms) => String(ms / 1000)), '+Inf'];

// Methods as small numbers, so a series is found by one number (no string built per request);
// any other method is counted as OTHER, which also bounds the label's values.
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'OTHER'];
const METHOD_CODES: Record<string, number> = Object.fromEntries(METHODS.map((method, code) => [method, code]));
const OTHER = METHODS.length - 1;

class RequestSeries {
  count = 0;
  sumMs = 0;
  /** Per bucket (not cumulative), the last one for +Inf. */
  readonly buckets: number[] = new Array<number>(BOUNDS_MS.length + 1).fill(0);
  readonly labels: Labels;

  constructor(route: string, method: string, status: number) {
    this.labels = { route, method, status: String(status) };
  }

  observe(ms: number): void {
    this.count++;
    this.sumMs += ms;
    let bucket = 0;
    while (bucket < BOUNDS_MS.length && ms > BOUNDS_MS[bucket]!) bucket++;
    this.buckets[bucket]!++;
  }
}

/** Records one finished request: its method, status and duration in milliseconds. */
export type RequestRecorder = (method: string, status: number, ms: number) => void;

/** Requests by route pattern, method and status: `http_requests_total` and `http_request_duration_seconds`. */
export class HttpMetrics {
  private readonly all: RequestSeries[] = [];
  private readonly byRoute = new Map<string, Map<number, RequestSeries>>();

  constructor(registry: Registry) {
    registerCollector(registry, 'http_requests_total', 'HTTP requests answered, by route pattern, method and status', 'counter', () =>
      this.all.map((series) => ({ labels: series.labels, value: series.count })),
    );
    registerCollector(registry, 'http_request_duration_seconds', 'Time to answer an HTTP request, by route pattern, method and status', 'histogram', () =>
      this.all.flatMap((series) => {
        let cumulative = 0;
        const buckets = series.buckets.map((count, i) => {
          cumulative += count;
          return { labels: { ...series.labels, le: BOUNDS_LE[i]! }, value: cumulative, metricName: 'http_request_duration_seconds_bucket' };
        });
        return [
          ...buckets,
          { labels: series.labels, value: series.sumMs / 1000, metricName: 'http_request_duration_seconds_sum' },
          { labels: series.labels, value: series.count, metricName: 'http_request_duration_seconds_count' },
        ];
      }),
    );
  }

  /** The recorder for one route pattern (made once per route, at registration). */
  route(pattern: string): RequestRecorder {
    let known = this.byRoute.get(pattern);
    if (!known) this.byRoute.set(pattern, (known = new Map()));
    const series = known;
    return (method, status, ms) => {
      const code = METHOD_CODES[method] ?? OTHER;
      const key = status * 8 + code;
      let found = series.get(key);
      if (found === undefined) {
        found = new RequestSeries(pattern, METHODS[code]!, status);
        series.set(key, found);
        this.all.push(found);
      }
      found.observe(ms);
    };
  }
}

/** Hits, misses, hit ratio and size of each memo made on this cache. */
export function registerMemoMetrics(registry: Registry, cache: Cache): void {
  const byName = () => {
    const sums = new Map<string, { hits: number; misses: number; entries: number }>();
    for (const { name, hits, misses, entries } of memoStats(cache)) {
      const sum = sums.get(name) ?? { hits: 0, misses: 0, entries: 0 };
      sums.set(name, { hits: sum.hits + hits, misses: sum.misses + misses, entries: sum.entries + entries });
    }
    return sums;
  };
  const labelNames = ['memo'] as const;
  new Counter({
    name: 'meiduo_memo_hits_total',
    help: 'Memo reads answered from memory',
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const [memo, { hits }] of byName()) this.inc({ memo }, hits);
    },
  });
  new Counter({
    name: 'meiduo_memo_misses_total',
    help: 'Memo reads that loaded (or waited for a load)',
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const [memo, { misses }] of byName()) this.inc({ memo }, misses);
    },
  });
  new Gauge({
    name: 'meiduo_memo_hit_ratio',
    help: 'Share of memo reads answered from memory since the process started',
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const [memo, { hits, misses }] of byName()) if (hits + misses > 0) this.set({ memo }, hits / (hits + misses));
    },
  });
  new Gauge({
    name: 'meiduo_memo_entries',
    help: 'Values a memo holds',
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const [memo, { entries }] of byName()) this.set({ memo }, entries);
    },
  });
}

/** Jobs of the task queue by state (waiting, delayed, active, failed), read at scrape time. */
export function registerQueueMetrics(registry: Registry, counts: () => Promise<QueueCounts>): void {
  new Gauge({
    name: 'meiduo_queue_jobs',
    help: 'Jobs in the task queue by state; failed: jobs that failed for good',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      // An unreachable queue leaves the series out rather than failing the whole scrape.
      const now = await counts().catch(() => undefined);
      if (!now) return;
      for (const state of ['waiting', 'delayed', 'active', 'failed'] as const) this.set({ state }, now[state]);
    },
  });
}
