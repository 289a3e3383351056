import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { archiveDirFromEnv } from './archive.js';

describe('archiveDirFromEnv', () => {
  it('is absolute, so the path stored with each response still finds the bytes from another folder', () => {
    expect(archiveDirFromEnv({ TIDEWATCH_ARCHIVE_DIR: 'rel/arch' })).toBe(
      path.join(process.cwd(), 'rel', 'arch'),
    );
    expect(archiveDirFromEnv({})).toBe(path.join(process.cwd(), 'data', 'archive'));
    expect(archiveDirFromEnv({ TIDEWATCH_ARCHIVE_DIR: '/abs/arch' })).toBe('/abs/arch');
  });

  it('an empty setting turns archiving off', () => {
    expect(archiveDirFromEnv({ TIDEWATCH_ARCHIVE_DIR: '' })).toBeNull();
  });
});
