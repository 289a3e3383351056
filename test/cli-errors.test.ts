import { describe, expect, it } from 'vitest';
import { runCli } from './cli.js';

/** Errors are written for people: a message and a hint, never a stack trace. */
describe('CLI errors', () => {
  it('an option that does not parse names the option and value, without a stack', () => {
    const r = runCli(['13f', 'holdings', '--cik', 'abc', '--db', ':memory:']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe("error: --cik must be a CIK number like 1649339, got 'abc'");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
  it('a mistyped command gets a suggestion and one line pointing at --help, not the whole help', () => {
    const r = runCli(['liquidty']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error: unknown command 'liquidty'");
    expect(r.stderr).toContain('(Did you mean liquidity?)');
    expect(r.stderr.split('\n').filter(Boolean).length).toBeLessThanOrEqual(3);
  });
});
