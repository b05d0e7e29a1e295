// The database seam: Drizzle over node-postgres when DATABASE_URL is set, over PGlite
// (PostgreSQL in WASM, files under ./var/) otherwise. Everything above sees one `Database`.
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from '../db/schema/index.js';
import { runAfterCommit, type AfterCommitAction } from './after-commit.js';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseHandle {
  db: Database;
  driver: 'postgres' | 'pglite';
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL('../db/migrations', import.meta.url));

export interface OpenDatabaseOptions {
  url?: string;
  /** PGlite: a folder for the files, or undefined for an in-memory database. */
  dataDir?: string;
  /** PGlite: start from a dump made by `dumpDataDir` (tests load a migrated template). */
  loadDataDir?: Blob;
  poolSize?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle client that loses its server must not crash the process; the next query reports it.
    pool.on('error', () => {});
    const db = drizzlePg(pool, { schema }) as unknown as Database;
    return {
      db,
      driver: 'postgres',
      async migrate() {
        // Several processes may start at once: one migrates, the others wait for it.
        const client = await pool.connect();
        try {
          await client.query('SELECT pg_advisory_lock(7351001)');
          await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
        } finally {
          await client.query('SELECT pg_advisory_unlock(7351001)').catch(() => {});
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // pg_trgm: the trigram index of the back office's SKU keyword (migration 0016).
  const client = await PGlite.create(options.dataDir, { loadDataDir: options.loadDataDir, extensions: { pg_trgm } });
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return {
    db,
    driver: 'pglite',
    migrate: () => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder }),
    close: () => client.close(),
  };
}

/**
 * A unit of work: the executor write methods run their statements on, and the actions to run
 * once it has committed (cache invalidations, enqueued tasks), so nothing is published for a
 * transaction that rolled back. A write method takes an optional `Tx` and joins it when given.
 */
export interface Tx {
  db: Database;
  afterCommit(action: () => unknown): void;
}

/**
 * Runs `work` in a transaction, or inside `outer` when the caller already has one (joining
 * it: one commit, one after-commit list). After the commit the actions run (after-commit.ts):
 * one that fails is logged and tried again, never an error for the write that committed.
 */
export async function transaction<T>(db: Database, work: (tx: Tx) => Promise<T>, outer?: Tx): Promise<T> {
  if (outer) return work(outer);
  const actions: AfterCommitAction[] = [];
  const result = await db.transaction((drizzleTx) => work({ db: drizzleTx as unknown as Database, afterCommit: (action) => actions.push(action) }));
  await runAfterCommit(db, actions);
  return result;
}

/** Rows of a raw SQL query; both drivers answer `execute` with an object holding `rows`. */
export async function rowsOf<T>(db: Database, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Dump a PGlite database (a migrated template for tests). */
export async function dumpPglite(handle: DatabaseHandle): Promise<Blob> {
  const client = (handle.db as unknown as { $client: PGlite }).$client;
  await handle.db.execute(sql`CHECKPOINT`);
  return client.dumpDataDir('gzip') as Promise<Blob>;
}

/** The SQLSTATE of a failed statement (drizzle wraps the driver's error in `cause`). */
export function sqlState(error: unknown): string | undefined {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  return (cause as { code?: string })?.code;
}

/** PostgreSQL unique-violation details, for turning a lost insert race into a field error. */
export function uniqueViolation(error: unknown): string | undefined {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  return sqlState(error) === '23505' ? ((cause as { constraint?: string }).constraint ?? '') : undefined;
}

/** A delete refused because rows elsewhere still name the row (a foreign key: RESTRICT 23001, NO ACTION 23503). */
export function isStillReferenced(error: unknown): boolean {
  const state = sqlState(error);
  return state === '23001' || state === '23503';
}

/** A deadlock PostgreSQL broke by failing this transaction's statement: nothing of it stays, so it may be run again. */
export function isDeadlock(error: unknown): boolean {
  return sqlState(error) === '40P01';
}
