import { REQUIRE_SYSTEM_DEPS } from './browser.js';

/** PostgreSQL suites run when DATABASE_URL is set; CI sets it (and makes a skip a failure). */
export function postgresUrl(): string | undefined {
  const url = process.env.DATABASE_URL;
  if (!url && REQUIRE_SYSTEM_DEPS)
    throw new Error('DATABASE_URL is not set but TIDEWATCH_REQUIRE_SYSTEM_DEPS=1');
  if (!url) console.warn('SKIPPED PostgreSQL store suite: set DATABASE_URL=postgres://... to run it');
  return url;
}

/**
 * A schema of its own on the PostgreSQL database `url` (tests run side by side in one database):
 * the URL that opens stores in it, and `drop` to remove it with everything in it.
 */
export async function freshSchema(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const { randomUUID } = await import('node:crypto');
  const { PostgresDb } = await import('../src/store/postgres.js');
  const schema = `tw_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = await PostgresDb.open(url);
  await admin.run(`CREATE SCHEMA ${schema}`);
  await admin.close();
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: u.toString(),
    drop: async () => {
      const a = await PostgresDb.open(url);
      await a.run(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await a.close();
    },
  };
}
