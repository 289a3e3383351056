import { nyfedSource } from '../../sources/nyfed/source.js';
import { importerOf } from '../import-files.js';

/** `tidewatch import nyfed FILE...`: SOFR/EFFR JSON in either shape (read endpoint or Markets API), all files one item. */
export const importNyfedFiles = importerOf(nyfedSource.files!);
