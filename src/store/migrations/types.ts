/** One schema step. Versions are unique across domains (core 1–99, plumbing 100–199,
 * sec 200–249, capex 250–299, markets 300–399, analytics 400–499, curated 500–549). */
export interface Migration {
  version: number;
  name: string;
  sql: string[];
  /**
   * The engine the statements are for; the other engine records the version without running
   * them (so both stores count the same versions). Absent: portable DDL for both.
   */
  only?: 'duckdb' | 'postgres';
}
