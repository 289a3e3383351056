import { REQUIRE_SYSTEM_DEPS } from './browser.js';

/** PostgreSQL suites run when DATABASE_URL is set; CI sets it (and makes a skip a failure). */
export function postgresUrl(): string | undefined {
  const url = process.env.DATABASE_URL;
  if (!url && REQUIRE_SYSTEM_DEPS)
    throw new Error('DATABASE_URL is not set but TIDEWATCH_REQUIRE_SYSTEM_DEPS=1');
  if (!url) console.warn('SKIPPED PostgreSQL store suite: set DATABASE_URL=postgres://... to run it');
  return url;
}
