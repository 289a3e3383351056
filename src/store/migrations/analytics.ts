import type { Migration } from './types.js';

export const analyticsMigrations: Migration[] = [];
