import { fredSource } from '../../sources/fred/source.js';
import { importerOf } from '../import-files.js';

/**
 * `tidewatch import fred FILE...`: each file through the FRED source's transform and written in
 * its own transaction; a bad file is reported and the others still import. A file derived from a
 * daily series is kept apart under its own id or refused (see source.ts).
 */
export const importFredFiles = importerOf(fredSource.files!);
