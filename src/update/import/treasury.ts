import { treasurySource } from '../../sources/treasury/source.js';
import { importerOf } from '../import-files.js';

/** `tidewatch import treasury FILE...`: each file through the treasury source's file transform, in its own transaction. */
export const importTreasuryFiles = importerOf(treasurySource.files!);
