import { describe, expect, it } from 'vitest';
import { UPDATE_JOBS } from './registry.js';
import { UPDATE_SOURCE_NAMES } from './types.js';

describe('update registry', () => {
  it('the source names the CLI lists are the registry’s jobs, in order', () => {
    expect(UPDATE_JOBS.map((j) => j.source)).toEqual([...UPDATE_SOURCE_NAMES]);
  });
});
