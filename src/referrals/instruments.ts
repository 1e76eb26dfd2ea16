import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Structured instruments are data, not code: each is a JSON file of item codes and short labels
// (never the copyrighted item wording). The shipped definitions live beside this file; an operator
// may point SECUREPATH_INSTRUMENTS_DIR at a folder of their own licensed definitions instead.

export interface InstrumentItem {
  code: string;
  label: string;
}

export interface Instrument {
  code: string;
  name: string;
  purpose: 'security_need' | 'urgency';
  scale: { min: number; max: number };
  note?: string;
  items: InstrumentItem[];
}

export type Ratings = Record<string, number>;

const SHIPPED = fileURLToPath(new URL('./instruments', import.meta.url));

function check(file: string, raw: unknown): Instrument {
  const fail = (what: string): never => {
    throw new Error(`Instrument definition ${file}: ${what}`);
  };
  if (typeof raw !== 'object' || raw === null) fail('is not a JSON object');
  const i = raw as Partial<Instrument>;
  if (typeof i.code !== 'string' || !/^[A-Z0-9-]{2,30}$/.test(i.code)) fail('"code" must be 2–30 capital letters, digits or hyphens');
  if (typeof i.name !== 'string' || i.name.length < 2) fail('"name" is required');
  if (i.purpose !== 'security_need' && i.purpose !== 'urgency') fail('"purpose" must be "security_need" or "urgency"');
  const scale = i.scale;
  if (!scale || !Number.isInteger(scale.min) || !Number.isInteger(scale.max) || scale.min >= scale.max) fail('"scale" needs whole-number min < max');
  if (!Array.isArray(i.items) || i.items.length === 0) fail('"items" must list at least one item');
  const codes = new Set<string>();
  for (const item of i.items ?? []) {
    if (typeof item.code !== 'string' || !item.code || typeof item.label !== 'string' || !item.label) fail('every item needs a "code" and a "label"');
    if (item.label.length > 60) fail(`item ${item.code}: labels are short names (60 characters at most), not item wording`);
    if (codes.has(item.code)) fail(`item code ${item.code} appears twice`);
    codes.add(item.code);
  }
  return i as Instrument;
}

export function loadInstruments(dir = process.env.SECUREPATH_INSTRUMENTS_DIR || SHIPPED): Map<string, Instrument> {
  const out = new Map<string, Instrument>();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const file = path.join(dir, name);
    const instrument = check(name, JSON.parse(readFileSync(file, 'utf8')));
    out.set(instrument.code, instrument);
  }
  return out;
}

/** Problems with a set of ratings against an instrument: unknown items, missing items, out of range. */
export function ratingProblems(instrument: Instrument, ratings: Ratings): string[] {
  const problems: string[] = [];
  const known = new Set(instrument.items.map((i) => i.code));
  for (const code of Object.keys(ratings)) if (!known.has(code)) problems.push(`${code} is not an item of ${instrument.code}`);
  for (const item of instrument.items) {
    const r = ratings[item.code];
    if (r === undefined) problems.push(`${item.code} (${item.label}) is not rated`);
    else if (!Number.isInteger(r) || r < instrument.scale.min || r > instrument.scale.max) {
      problems.push(`${item.code} (${item.label}) must be a whole number from ${instrument.scale.min} to ${instrument.scale.max}`);
    }
  }
  return problems;
}

export const totalScore = (ratings: Ratings) => Object.values(ratings).reduce((a, b) => a + b, 0);
