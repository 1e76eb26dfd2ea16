import type { ReactNode } from 'react';
import type { DirectoryKind, Organisation, Unit, Ward } from '../../../src/directory/directory.schema.js';
import {
  COMMISSIONING_LEVELS,
  SECTOR_LABELS,
  SECURITY_LEVEL_LABELS,
  SERVICE_TYPE_LABELS,
  SEXES,
  SPECIALISM_LABELS,
} from '../../../src/shared/vocabulary.js';
import { formatNumber } from '../ui/format';
import { codeLabel, groupedOptions, optionsOf, optionsOfCodes, regionOptions, type Option, type OptionGroup } from '../ui/options';
import { useOrganisations, useRegions, useUnits } from './directory.api';

export type DirectoryRecord = Organisation | Unit | Ward;

/** Every kind of directory record by its name on screen (a Record, so a new kind cannot be forgotten). */
export const KIND_NAMES: Record<DirectoryKind, string> = { organisations: 'Organisations', units: 'Units', wards: 'Wards' };
export const KINDS = Object.keys(KIND_NAMES) as DirectoryKind[];
export type FormValues = Record<string, string>;

export interface FieldDef {
  name: string;
  label: string;
  type: 'text' | 'integer' | 'select';
  options?: (Option | OptionGroup)[];
  /** A select whose values are numbers (ids, levels). */
  numeric?: boolean;
  description?: string;
}

export interface Column<R> {
  header: string;
  cell(record: R): ReactNode;
  numeric?: boolean;
}

export interface FilterDef {
  param: 'regionId' | 'organisationId' | 'unitId';
  label: string;
  options: (Option | OptionGroup)[];
}

export interface KindConfig<R extends DirectoryRecord = DirectoryRecord> {
  kind: DirectoryKind;
  /** "organisation": used in "New organisation", "Edit organisation". */
  singular: string;
  /** "Organisations": the tab and table name. */
  plural: string;
  columns: Column<R>[];
  fields: FieldDef[];
  filters: FilterDef[];
}

const CODE: FieldDef = { name: 'code', label: 'Code', type: 'text', description: 'Capital letters, digits and hyphens, e.g. RXT or RXT-ARDEN' };
const NAME: FieldDef = { name: 'name', label: 'Name', type: 'text' };

/** A record's value of a field, as the form holds it (a string). */
export function formValueOf(record: DirectoryRecord, field: FieldDef): string {
  const value = (record as unknown as Record<string, unknown>)[field.name];
  return value === null || value === undefined ? '' : String(value);
}

/** What a form value says on screen: the option's label for selects. */
export function displayValue(field: FieldDef, value: string): string {
  if (!field.options) return value;
  for (const item of field.options) {
    if ('items' in item) {
      const found = item.items.find((o) => o.value === value);
      if (found) return found.label;
    } else if (item.value === value) return item.label;
  }
  return value;
}

/** Organisations, units and wards: what each table shows, what each form asks, how each list filters. */
export function useKindConfigs(): Record<DirectoryKind, KindConfig> {
  const regions = useRegions().data ?? [];
  const organisations = useOrganisations().data ?? [];
  const units = useUnits().data ?? [];
  const regionName = new Map(regions.map((r) => [r.id, r.name]));
  const regionChoices = regionOptions(regions);
  const organisationChoices = organisations.map((o) => ({ value: String(o.id), label: o.name }));
  const unitChoices = groupedOptions(units, (u) => u.organisationName, (u) => ({ value: String(u.id), label: u.name }));

  const organisationsConfig: KindConfig<Organisation> = {
    kind: 'organisations',
    singular: 'organisation',
    plural: KIND_NAMES.organisations,
    columns: [
      { header: 'Code', cell: (o) => o.code },
      { header: 'Name', cell: (o) => o.name },
      { header: 'Sector', cell: (o) => SECTOR_LABELS[o.sector] },
      { header: 'Region', cell: (o) => regionName.get(o.regionId) ?? '' },
    ],
    fields: [
      CODE,
      NAME,
      { name: 'sector', label: 'Sector', type: 'select', options: optionsOf(SECTOR_LABELS) },
      { name: 'regionId', label: 'Region', type: 'select', numeric: true, options: regionChoices },
    ],
    filters: [{ param: 'regionId', label: 'Region', options: regionChoices }],
  };

  const unitsConfig: KindConfig<Unit> = {
    kind: 'units',
    singular: 'unit',
    plural: KIND_NAMES.units,
    columns: [
      { header: 'Code', cell: (u) => u.code },
      { header: 'Name', cell: (u) => u.name },
      { header: 'Provider', cell: (u) => u.organisationName },
      { header: 'Region', cell: (u) => regionName.get(u.regionId) ?? '' },
      { header: 'Service', cell: (u) => SERVICE_TYPE_LABELS[u.serviceType] },
      { header: 'Commissioned', cell: (u) => codeLabel(u.commissioningLevel) },
    ],
    fields: [
      CODE,
      NAME,
      { name: 'organisationId', label: 'Provider', type: 'select', numeric: true, options: organisationChoices },
      { name: 'regionId', label: 'Region', type: 'select', numeric: true, options: regionChoices },
      { name: 'serviceType', label: 'Service', type: 'select', options: optionsOf(SERVICE_TYPE_LABELS) },
      { name: 'commissioningLevel', label: 'Commissioning level', type: 'select', options: optionsOfCodes(COMMISSIONING_LEVELS) },
    ],
    filters: [
      { param: 'regionId', label: 'Region', options: regionChoices },
      { param: 'organisationId', label: 'Provider', options: organisationChoices },
    ],
  };

  const wardsConfig: KindConfig<Ward> = {
    kind: 'wards',
    singular: 'ward',
    plural: KIND_NAMES.wards,
    columns: [
      { header: 'Code', cell: (w) => w.code },
      { header: 'Name', cell: (w) => w.name },
      { header: 'Unit', cell: (w) => w.unitName },
      { header: 'Security level', cell: (w) => SECURITY_LEVEL_LABELS[w.securityLevel] ?? String(w.securityLevel) },
      { header: 'Sex', cell: (w) => codeLabel(w.sex) },
      { header: 'Specialism', cell: (w) => SPECIALISM_LABELS[w.specialism] },
      { header: 'Commissioned beds', cell: (w) => formatNumber(w.commissionedBeds), numeric: true },
      { header: 'Closed beds', cell: (w) => formatNumber(w.closedBeds), numeric: true },
    ],
    fields: [
      CODE,
      NAME,
      { name: 'unitId', label: 'Unit', type: 'select', numeric: true, options: unitChoices },
      { name: 'securityLevel', label: 'Security level', type: 'select', numeric: true, options: optionsOf(SECURITY_LEVEL_LABELS) },
      { name: 'sex', label: 'Sex', type: 'select', options: optionsOfCodes(SEXES) },
      { name: 'specialism', label: 'Specialism', type: 'select', options: optionsOf(SPECIALISM_LABELS) },
      { name: 'commissionedBeds', label: 'Commissioned beds', type: 'integer' },
      { name: 'closedBeds', label: 'Closed beds', type: 'integer' },
    ],
    filters: [{ param: 'unitId', label: 'Unit', options: unitChoices }],
  };

  return { organisations: organisationsConfig, units: unitsConfig, wards: wardsConfig } as Record<DirectoryKind, KindConfig>;
}
