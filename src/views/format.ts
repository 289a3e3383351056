// The one formatter lives in core (src/core/format.ts) so that every layer can spell a number the
// same way — the ledger's and the indicators' sentences included; views and the dashboard import
// it from here as before.
export * from '../core/format.js';
