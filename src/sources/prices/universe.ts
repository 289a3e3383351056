/**
 * Default universe (issue 7). Override with TIDEWATCH_UNIVERSE="SPY,QQQ,…" or a --symbols flag.
 * SMH stands for semiconductors (SOXX is imported too when its file is present).
 */
export const DEFAULT_UNIVERSE = [
  'SPY',
  'QQQ',
  '^GSPC',
  '^NDX',
  'NVDA',
  'PLTR',
  'ORCL',
  'MU',
  'SNDK',
  'MSFT',
  'GOOGL',
  'AMZN',
  'META',
  'TSLA',
  'ARKK',
  'SMH',
  'TLT',
  'GLD',
  'HYG',
  'KWEB',
  'BTC',
  'ETH',
];

export function universe(env: NodeJS.ProcessEnv = process.env): string[] {
  const v = env.TIDEWATCH_UNIVERSE?.trim();
  if (!v) return DEFAULT_UNIVERSE;
  return v
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
}
