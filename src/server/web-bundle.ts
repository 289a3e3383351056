import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectPath } from '../core/paths.js';

/**
 * The dashboard's scripts are bundled at install (scripts/build.mjs, with the CLI). The server
 * serves them from the current build; when a source file is newer than that build (a checkout
 * being edited, a test run) it builds again first, once per process.
 */
interface BuildScript {
  freshBuild(): string | undefined;
  build(): Promise<string>;
}

let current: Promise<string> | undefined;

export function webBundleDir(): Promise<string> {
  current ??= (async () => {
    const script = (await import(pathToFileURL(projectPath('scripts', 'build.mjs')).href)) as BuildScript;
    const dir = script.freshBuild() ?? (await script.build());
    return path.join(dir, 'web');
  })();
  current.catch(() => {
    current = undefined;
  });
  return current;
}
