import { readCloses, readCsvSeries, realRiskSources } from '../src/analytics/regime/real-data.testkit.js';
import { loadCuratedEpisodes } from '../src/analytics/scorecard/episodes.js';
import { assembleThesisData } from '../src/analytics/theses/assemble.js';
import { evaluateThesesOn } from '../src/analytics/theses/ledger.js';
const r = realRiskSources();
const wresbalOld = readCsvSeries('fred/legacy-DATE-header/WRESBAL_1984-2024.csv', 'WRESBAL', 1e9).filter((o) => o.date < '2021-06-23');
const series = { WALCL: r.fedAssets, WTREGEN: r.tga, RRPONTSYD: r.rrp, WRESBAL: [...wresbalOld, ...r.reserves], TOTRESNS: readCsvSeries('fred/legacy-DATE-header/TOTRESNS.csv', 'TOTRESNS', 1e9), SOFR: r.sofr, IORB: r.iorb, BAMLH0A0HYM2: r.hySpread, VIXCLS: r.vix, NFCI: r.nfci, DGS10: readCsvSeries('fred/DGS10.csv', 'DGS10') };
const prices: any = {};
for (const s of ['SPY', 'QQQ', 'ARKK', 'TSLA', 'PLTR', 'MU', 'ORCL', 'NVDA', 'SOXX', 'KWEB']) prices[s] = readCloses(`prices/yf-close-only/${s}.csv`, 'Close', true);
prices.BTC = readCloses('crypto/binance-spot-daily/BTCUSDT_1d.csv', 'close', true);
const res = evaluateThesesOn(assembleThesisData(process.argv[2] ?? '2026-01-05', series, prices, loadCuratedEpisodes()));
for (const t of res) { console.log(`T${t.number} ${t.title}: ${t.status}`); for (const c of t.checks) console.log(`   - ${c.id}: ${c.status} — ${c.summary}`); }
