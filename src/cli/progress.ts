import cliProgress from 'cli-progress';
import type { Progress } from '../update/types.js';
import { forTerminal } from './context.js';

/** A progress bar on a terminal; plain one-line-per-item output in logs and CI. */
export function makeProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) {
    let label = '';
    let n = 0;
    let total = 0;
    return {
      start(t, l) {
        total = t;
        label = l;
        n = 0;
      },
      tick(item) {
        n++;
        stream.write(`[${forTerminal(label)}] ${n}/${total} ${forTerminal(item)}\n`);
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: '{label} [{bar}] {value}/{total} {item}', hideCursor: true, clearOnComplete: false, stream },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    start(total, label) {
      if (started) bar.stop();
      bar.start(total, 0, { label, item: '' });
      started = true;
    },
    tick(item) {
      bar.increment(1, { item: forTerminal(item) });
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
