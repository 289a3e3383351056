import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The reader of a module's HAND-WRITTEN fixtures (`<dir>/fixtures/<name>`, text): a test passes
 * its own `import.meta.dirname`.
 */
export function fixtures(dir: string): (name: string) => string {
  return (name) => readFileSync(path.join(dir, 'fixtures', name), 'utf8');
}
