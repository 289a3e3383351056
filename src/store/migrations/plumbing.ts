import type { Migration } from './types.js';

export const plumbingMigrations: Migration[] = [];
