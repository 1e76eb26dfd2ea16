import type { ComboboxItem, ComboboxItemGroup } from '@mantine/core';
import type { Region } from '../../../src/directory/directory.schema.js';

export type Option = ComboboxItem;
export type OptionGroup = ComboboxItemGroup<ComboboxItem, string>;

/** Options for a select from one of the vocabulary label maps, in the map's order. */
export function optionsOf(labels: Record<string | number, string>): Option[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

/** A plain-English label for a code that has no label map ("male" → "Male", "police_custody" → "Police custody"). */
export function codeLabel(code: string): string {
  const words = code.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function optionsOfCodes(codes: readonly string[]): Option[] {
  return codes.map((value) => ({ value, label: codeLabel(value) }));
}

/** A first, empty option ("Choose…") so nothing is picked by accident. */
export const withPrompt = (prompt: string, options: (Option | OptionGroup)[]): (Option | OptionGroup)[] => [{ value: '', label: prompt }, ...options];

/** Items grouped under a heading each (regions by nation, units by provider), keeping first-seen order. */
export function groupedOptions<T>(items: readonly T[], groupOf: (item: T) => string, optionOf: (item: T) => Option): OptionGroup[] {
  const groups = new Map<string, Option[]>();
  for (const item of items) {
    const key = groupOf(item);
    const list = groups.get(key) ?? [];
    list.push(optionOf(item));
    groups.set(key, list);
  }
  return [...groups].map(([group, items]) => ({ group, items }));
}

export const regionOptions = (regions: readonly Region[]) => groupedOptions(regions, (r) => r.nationName, (r) => ({ value: String(r.id), label: r.name }));

/** A label inside a sentence: "Prison" → "prison", but acronyms stay ("PICU"). */
export function inSentence(label: string): string {
  return /^[A-Z][A-Z]/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}
