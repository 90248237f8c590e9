/**
 * The county schema as numbered SQL files (migrations/NNN_name.sql). schema_migrations records each
 * one applied; each runs in its own transaction with its record, under an advisory lock so two
 * servers starting on one database do not both apply it. A released file is never edited: a change
 * is a new file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'pg';

const FOLDER = join(__dirname, 'migrations');
/** pg_advisory_xact_lock key of schema changes ("HMCM") */
const MIGRATION_LOCK = 0x484d434d;

export interface MigrationFile {
  version: number;
  name: string;
  sql: string;
}

export function migrationFiles(folder = FOLDER): MigrationFile[] {
  return readdirSync(folder)
    .filter((file) => /^\d{3}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({ version: Number(file.slice(0, 3)), name: file.slice(4, -4), sql: readFileSync(join(folder, file), 'utf8') }));
}

export const COUNTY_SCHEMA_VERSION = migrationFiles().length;

/** Applies the files above the database's version; returns the versions applied. Refuses a database from a newer program. */
export async function migrate(pool: Pool, files = migrationFiles()): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    for (const file of files) {
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        const done = await client.query('SELECT 1 FROM schema_migrations WHERE version = $1', [file.version]);
        if (done.rowCount === 0) {
          await client.query(file.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [file.version, file.name]);
          applied.push(file.version);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    const newest = await client.query<{ max: number | null }>('SELECT max(version) AS max FROM schema_migrations');
    const version = newest.rows[0]?.max ?? 0;
    if (version > files.length) throw new Error(`数据库的结构版本（${version}）比本程序新（${files.length}），请升级县级服务器程序`);
  } finally {
    client.release();
  }
  return applied;
}
