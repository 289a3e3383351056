export { bsPrice, normCdf, realisedVol } from './black-scholes.js';
export * from './diff.js';
export * from './exposure.js';
export * from './positions.js';
export * from './premium.js';
export * from './watchlist.js';
