import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium (never a downloaded browser). CHROMIUM_PATH overrides. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** CI sets TIDEWATCH_REQUIRE_SYSTEM_DEPS=1 so that a missing Chromium fails instead of skipping. */
export const REQUIRE_SYSTEM_DEPS = process.env.TIDEWATCH_REQUIRE_SYSTEM_DEPS === '1';

export function chromiumAvailable(): boolean {
  const ok = existsSync(CHROMIUM);
  if (!ok && REQUIRE_SYSTEM_DEPS) throw new Error(`Chromium not found at ${CHROMIUM} but TIDEWATCH_REQUIRE_SYSTEM_DEPS=1`);
  if (!ok) console.warn(`SKIPPED browser tests: Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  return ok;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
