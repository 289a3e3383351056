// Preloaded (`node --import`) only into the child process of the crash-safety test
// (test/faults.test.ts): it wraps the database drivers so that the transaction which writes the
// series named by TIDEWATCH_HOLD_SERIES stops right before its COMMIT, says `HOLDING_TX <id>` on
// stdout and waits there for ever, so the test can kill the process inside the open transaction.
// Product code knows nothing of it.
const id = process.env.TIDEWATCH_HOLD_SERIES;

if (id) {
  let touched = false;
  /** Before a statement runs: resolves at once, or never (the COMMIT of the held transaction). */
  const gate = (sql, params) => {
    if (typeof sql !== 'string') return Promise.resolve();
    if (/^\s*BEGIN\b/i.test(sql)) touched = false;
    if (Array.isArray(params) && params.includes(id)) touched = true;
    if (/^\s*COMMIT\b/i.test(sql) && touched) {
      process.stdout.write(`HOLDING_TX ${id}\n`);
      return new Promise(() => undefined);
    }
    return Promise.resolve();
  };
  const wrap = (proto, name) => {
    const original = proto[name];
    proto[name] = async function (sql, params, ...rest) {
      await gate(typeof sql === 'string' ? sql : sql?.text, params);
      return original.call(this, sql, params, ...rest);
    };
  };
  const { DuckDBConnection } = await import('@duckdb/node-api');
  wrap(DuckDBConnection.prototype, 'run');
  wrap(DuckDBConnection.prototype, 'runAndReadAll');
  const pg = (await import('pg')).default;
  wrap(pg.Client.prototype, 'query');
}
