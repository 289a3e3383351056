import type { Migration } from './types.js';

export const marketsMigrations: Migration[] = [];
