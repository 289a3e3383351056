import { test } from 'vitest';
import { computePlumbing } from './index.js';
import { loadRealInputs } from './testing/real-inputs.js';
test('probe', () => {
  const inp = loadRealInputs();
  let t = performance.now();
  const r = computePlumbing(inp);
  console.log('ms', performance.now() - t);
  console.table(r.rows);
  console.log(JSON.stringify(r.thesis1, null, 1));
  console.log(r.notes, r.crossings.filter(c=>c.crossing>0));
  console.log(r.bathtub.slice(-3), r.score.slice(-2).map(s=>[s.date,s.score]));
  const s = computePlumbing(inp, '2025-10-31'); console.table(s.rows);
});
