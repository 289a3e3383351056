import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { TidewatchError } from '../core/errors.js';

/**
 * Debian's Chromium, driven by playwright-core (which downloads no browser of its own).
 * CHROMIUM_PATH points elsewhere. The browser tests launch through here too.
 */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** Headless, sandbox off (root in containers), and nothing that reaches the network by itself. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Refuses early, naming the remedy, when there is no Chromium where it is looked for. */
export function assertChromium(path = chromiumPath()): string {
  if (!existsSync(path))
    throw new TidewatchError(
      'config',
      `Chromium not found at ${path}: the report is drawn and printed by Chromium`,
      {
        hint: 'apt-get install chromium, or set CHROMIUM_PATH to a Chromium or Chrome executable',
      },
    );
  return path;
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = assertChromium();
  // Loaded here, not at the top: commands that draw nothing do not load the driver.
  const { chromium } = await import('playwright-core');
  try {
    return await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  } catch (e) {
    throw new TidewatchError(
      'config',
      `Chromium at ${executablePath} did not start: ${(e as Error).message.split('\n')[0]}`,
      {
        cause: e,
        hint: 'check that it runs (`chromium --headless --version`), or set CHROMIUM_PATH to another build',
      },
    );
  }
}
