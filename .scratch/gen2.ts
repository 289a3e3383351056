import { writeFileSync } from 'node:fs';
import { realBytes, cutBytes } from '../test/malformed/make.js';
for (const f of ['meta-20241231_10-K_ixbrl.htm', 'orcl-20240831_10-Q_ixbrl.htm', 'amzn-20221231_htm_xbrl-instance_10-K_FY2022.xml']) {
  const b = realBytes('sec', 'xbrl', f);
  writeFileSync(`/tmp/ing/mal/${f}`, cutBytes(b, Math.floor(b.length / 2)));
}
