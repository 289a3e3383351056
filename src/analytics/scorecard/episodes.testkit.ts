import { readFileSync } from 'node:fs';
import { CURATED_EPISODES_FILE, parseEpisodes, type ShortEpisode } from './episodes.js';

/** The shipped short-episodes file parsed directly (tests of the pure scorecard functions). */
export function shippedEpisodes(): ShortEpisode[] {
  return parseEpisodes(readFileSync(CURATED_EPISODES_FILE, 'utf8'), CURATED_EPISODES_FILE);
}
