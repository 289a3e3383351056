import { z } from 'zod';
import { parseSecJson } from '../shape.js';

/**
 * A filing folder's `index.json` (Archives/edgar/data/CIK/ACCESSIONNODASH/index.json):
 * `{ directory: { name, parent-dir, item: [{ name, type, size, last-modified }] } }`.
 */
const Index = z.object({
  directory: z.object({
    name: z.string(),
    item: z.array(
      z.object({
        name: z.string(),
        type: z.string().optional(),
        size: z.union([z.string(), z.number()]).optional(),
        'last-modified': z.string().optional(),
      }),
    ),
  }),
});

export interface FilingIndexItem {
  name: string;
  size: number | null;
}

export function parseFilingIndex(json: unknown, where: string): FilingIndexItem[] {
  return parseSecJson(Index, json, where, 'filing index').directory.item.map((it) => ({
    name: it.name,
    size: it.size === undefined || it.size === '' ? null : Number(it.size),
  }));
}

/** The XML documents of a 13F: primary_doc.xml and the information table (any name ending .xml). */
export function thirteenFDocuments(items: FilingIndexItem[]): { primary: string | null; tables: string[] } {
  const xml = items.map((i) => i.name).filter((n) => /\.xml$/i.test(n));
  const primary = xml.find((n) => n.toLowerCase() === 'primary_doc.xml') ?? null;
  return { primary, tables: xml.filter((n) => n !== primary) };
}
