// In-memory cache for embedded mode: one process, Redis semantics for the operations we use.
import { EventEmitter } from 'node:events';
import type { Cache } from './types.js';

type Value = string | Map<string, string> | string[];
interface Slot {
  value: Value;
  expiresAt: number; // ms since epoch; Infinity for no expiry
}

/** Redis list index (negative counts from the end) → array index. */
function listIndex(index: number, length: number): number {
  return index < 0 ? length + index : index;
}

export class MemoryCache implements Cache {
  private readonly slots = new Map<string, Slot>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly channels = new EventEmitter().setMaxListeners(0);

  constructor(sweepMs = 60_000) {
    // Lazy expiry covers reads; the sweep bounds memory held by keys nobody reads again.
    this.sweeper = setInterval(() => this.sweep(), sweepMs);
    this.sweeper.unref();
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, slot] of this.slots) if (slot.expiresAt <= now) this.slots.delete(key);
  }

  private slot(key: string): Slot | undefined {
    const slot = this.slots.get(key);
    if (slot && slot.expiresAt <= Date.now()) {
      this.slots.delete(key);
      return undefined;
    }
    return slot;
  }

  private typed<T extends Value>(key: string, guard: (v: Value) => v is T, make: () => T): T {
    const slot = this.slot(key);
    if (slot) {
      if (!guard(slot.value)) throw new Error(`WRONGTYPE ${key}`);
      return slot.value;
    }
    const value = make();
    this.slots.set(key, { value, expiresAt: Infinity });
    return value;
  }

  private hash(key: string): Map<string, string> {
    return this.typed(key, (v): v is Map<string, string> => v instanceof Map, () => new Map());
  }

  private list(key: string): string[] {
    return this.typed(key, (v): v is string[] => Array.isArray(v), () => []);
  }

  private dropIfEmpty(key: string): void {
    const value = this.slots.get(key)?.value;
    if ((value instanceof Map && value.size === 0) || (Array.isArray(value) && value.length === 0)) {
      this.slots.delete(key);
    }
  }

  private expiry(ttl?: number): number {
    return ttl && ttl > 0 ? Date.now() + ttl * 1000 : Infinity;
  }

  async get(key: string): Promise<string | null> {
    const value = this.slot(key)?.value;
    if (value === undefined) return null;
    if (typeof value !== 'string') throw new Error(`WRONGTYPE ${key}`);
    return value;
  }

  async set(key: string, value: string, ttl?: number): Promise<void> {
    this.slots.set(key, { value, expiresAt: this.expiry(ttl) });
  }

  async setIfAbsent(key: string, value: string, ttl?: number): Promise<boolean> {
    if (this.slot(key)) return false;
    await this.set(key, value, ttl);
    return true;
  }

  async take(key: string): Promise<string | null> {
    // Read and delete with no await in between: a caller racing this one finds the key gone.
    const value = this.slot(key)?.value;
    if (value === undefined) return null;
    if (typeof value !== 'string') throw new Error(`WRONGTYPE ${key}`);
    this.slots.delete(key);
    return value;
  }

  async incr(key: string, ttl?: number): Promise<number> {
    const slot = this.slot(key);
    if (!slot) {
      this.slots.set(key, { value: '1', expiresAt: this.expiry(ttl) });
      return 1;
    }
    const next = Number(slot.value) + 1;
    if (typeof slot.value !== 'string' || !Number.isInteger(next)) throw new Error(`ERR value is not an integer ${key}`);
    slot.value = String(next);
    return next;
  }

  async decr(key: string): Promise<number> {
    const slot = this.slot(key);
    if (!slot) return 0;
    const next = Number(slot.value) - 1;
    if (typeof slot.value !== 'string' || !Number.isInteger(next)) throw new Error(`ERR value is not an integer ${key}`);
    slot.value = String(next);
    return next;
  }

  async del(...keys: string[]): Promise<number> {
    let removed = 0;
    for (const key of keys) if (this.slot(key) && this.slots.delete(key)) removed++;
    return removed;
  }

  async ttl(key: string): Promise<number> {
    const slot = this.slot(key);
    if (!slot) return -2;
    if (slot.expiresAt === Infinity) return -1;
    return Math.ceil((slot.expiresAt - Date.now()) / 1000);
  }

  async hget(key: string, field: string): Promise<string | null> {
    if (!this.slot(key)) return null;
    return this.hash(key).get(field) ?? null;
  }

  async hset(key: string, values: Record<string, string>): Promise<void> {
    const hash = this.hash(key);
    for (const [field, value] of Object.entries(values)) hash.set(field, value);
  }

  async hgetall(key: string): Promise<Record<string, string>> {
    if (!this.slot(key)) return {};
    return Object.fromEntries(this.hash(key));
  }

  async hdel(key: string, ...fields: string[]): Promise<number> {
    if (!this.slot(key)) return 0;
    const hash = this.hash(key);
    let removed = 0;
    for (const field of fields) if (hash.delete(field)) removed++;
    this.dropIfEmpty(key);
    return removed;
  }

  async hincrby(key: string, field: string, by: number): Promise<number> {
    const hash = this.hash(key);
    const next = Number(hash.get(field) ?? '0') + by;
    hash.set(field, String(next));
    return next;
  }

  async hincrbyMany(key: string, increments: Record<string, number>): Promise<void> {
    const hash = this.hash(key);
    for (const [field, by] of Object.entries(increments)) hash.set(field, String(Number(hash.get(field) ?? '0') + by));
  }

  async htake(key: string): Promise<Record<string, string>> {
    // Read and delete with no await in between, as the Redis script does.
    if (!this.slot(key)) return {};
    const taken = Object.fromEntries(this.hash(key));
    this.slots.delete(key);
    return taken;
  }

  async lpush(key: string, ...values: string[]): Promise<number> {
    const list = this.list(key);
    for (const value of values) list.unshift(value);
    return list.length;
  }

  async lrange(key: string, start: number, stop: number): Promise<string[]> {
    if (!this.slot(key)) return [];
    const list = this.list(key);
    return list.slice(Math.max(0, listIndex(start, list.length)), listIndex(stop, list.length) + 1);
  }

  async lrem(key: string, value: string): Promise<number> {
    if (!this.slot(key)) return 0;
    const list = this.list(key);
    const kept = list.filter((item) => item !== value);
    const removed = list.length - kept.length;
    list.splice(0, list.length, ...kept);
    this.dropIfEmpty(key);
    return removed;
  }

  async ltrim(key: string, start: number, stop: number): Promise<void> {
    if (!this.slot(key)) return;
    const list = this.list(key);
    const kept = list.slice(Math.max(0, listIndex(start, list.length)), listIndex(stop, list.length) + 1);
    list.splice(0, list.length, ...kept);
    this.dropIfEmpty(key);
  }

  async pushRecent(key: string, value: string, keep: number): Promise<void> {
    // No await in between: other callers cannot interleave, as with the Redis script.
    const list = this.list(key);
    const kept = [value, ...list.filter((item) => item !== value)].slice(0, keep);
    list.splice(0, list.length, ...kept);
  }

  async publish(channel: string, message: string): Promise<void> {
    this.channels.emit(channel, message);
  }

  async subscribe(channel: string, handler: (message: string) => void): Promise<void> {
    this.channels.on(channel, handler);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.channels.removeAllListeners();
    this.slots.clear();
  }
}
