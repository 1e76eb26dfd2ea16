import { Value } from 'typebox/value';
import type { TSchema } from 'typebox';
import type { Db, DbOrTx } from '../db/connection.js';
import { CsvSyntaxError, formatCsv, parseCsv } from '../csv/csv.js';
import { audit } from '../audit/audit.service.js';
import type { Caller } from '../http/caller.js';
import { AppError, notFound, type ErrorDetail } from '../http/errors.js';
import { mapPgError } from '../http/pg-errors.js';
import { describeValidation, validationError } from '../http/validation-messages.js';
import type { ServiceType } from '../shared/vocabulary.js';
import { columnForField, exportRows, missingColumns, rowToInput, type CodeLookups } from './directory.csv.js';
import { toOrganisation, toUnit, toWard } from './directory.map.js';
import * as repo from './directory.repo.js';
import { wardDoesNotFitUnit, wardTier } from './directory.rules.js';
import {
  OrganisationInput,
  OrganisationPatch,
  UnitInput,
  UnitPatch,
  WardInput,
  WardPatch,
  type DirectoryKind,
  type ImportReport,
  type Organisation,
  type Unit,
  type Ward,
} from './directory.schema.js';

type Rec = Organisation | Unit | Ward;

interface KindDef {
  table: repo.DirectoryTable;
  label: string;
  input: TSchema;
  patch: TSchema;
  list: (db: DbOrTx, f: repo.DirectoryFilter) => Promise<Rec[]>;
  /**
   * API input → column values, checking rules that need the database: `input` is the whole record
   * (merged with the stored one for an update), `patch` what the request changes, `id` the record
   * changed (none for a new one).
   */
  toColumns: (db: DbOrTx, input: Record<string, unknown>, patch: Record<string, unknown>, id?: number) => Promise<Record<string, unknown>>;
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const columnsOf = (input: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined).map(([k, v]) => [snake(k), v]));

const retiredParent = (what: string, field: string) =>
  new AppError('constraint_violated', `That ${what} is retired: nothing new can be placed under it.`, { details: [{ field, message: `the ${what} is retired` }] });

async function wardColumns(db: DbOrTx, input: Record<string, unknown>, patch: Record<string, unknown>) {
  const columns = columnsOf(input);
  if (input.unitId !== undefined && input.securityLevel !== undefined) {
    const unit = await repo.unitServiceType(db, input.unitId as number);
    if (!unit) throw new AppError('unknown_reference', 'That unit does not exist.');
    if (unit.retired_at && patch.unitId !== undefined) throw retiredParent('unit', 'unitId');
    const misfit = wardDoesNotFitUnit(input.securityLevel as number, unit.service_type as ServiceType);
    if (misfit) throw new AppError('constraint_violated', misfit, { details: [{ field: 'securityLevel', message: misfit }] });
    columns.tier = wardTier(input.securityLevel as number, unit.service_type as ServiceType);
  }
  return columns;
}

/**
 * A unit's columns. Its wards' tiers follow from its service type, so the type of a unit with wards
 * in service stays as it is (re-designating one means moving or retiring its wards first).
 */
async function unitColumns(db: DbOrTx, input: Record<string, unknown>, patch: Record<string, unknown>, id?: number) {
  if (patch.organisationId !== undefined) {
    const organisation = await repo.organisationRetired(db, patch.organisationId as number);
    if (organisation?.retired_at) throw retiredParent('organisation', 'organisationId');
  }
  if (id !== undefined && patch.serviceType !== undefined) {
    await repo.lockAgainstChildren(db, 'unit', id);
    const current = await repo.unitServiceType(db, id);
    if (current && current.service_type !== patch.serviceType && (await repo.countLiveChildren(db, 'unit', id)) > 0) {
      throw new AppError('still_in_use', 'The service type of a unit with wards in service cannot change: their tiers follow from it. Move or retire its wards first.', {
        details: [{ field: 'serviceType', message: 'the unit has wards in service' }],
      });
    }
  }
  return columnsOf(input);
}

const KINDS: Record<DirectoryKind, KindDef> = {
  organisations: {
    table: 'organisation',
    label: 'Organisation',
    input: OrganisationInput,
    patch: OrganisationPatch,
    list: async (db, f) => (await repo.selectOrganisations(db, f)).map(toOrganisation),
    toColumns: async (_db, input) => columnsOf(input),
  },
  units: {
    table: 'unit',
    label: 'Unit',
    input: UnitInput,
    patch: UnitPatch,
    list: async (db, f) => (await repo.selectUnits(db, f)).map(toUnit),
    toColumns: unitColumns,
  },
  wards: {
    table: 'ward',
    label: 'Ward',
    input: WardInput,
    patch: WardPatch,
    list: async (db, f) => (await repo.selectWards(db, f)).map(toWard),
    toColumns: wardColumns,
  },
};

/** Thrown inside a dry-run import's transaction so nothing it wrote survives. */
class DryRunRollback extends Error {}

export class DirectoryService {
  constructor(private readonly db: Db) {}

  async nations() {
    return repo.listNations(this.db);
  }

  async regions() {
    return (await repo.listRegions(this.db)).map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      nationId: r.nation_id,
      nationName: r.nation_name,
      population: r.population,
    }));
  }

  list(_caller: Caller, kind: DirectoryKind, filter: repo.DirectoryFilter) {
    return KINDS[kind].list(this.db, filter);
  }

  async get(_caller: Caller, kind: DirectoryKind, id: number, db: DbOrTx = this.db): Promise<Rec> {
    const [rec] = await KINDS[kind].list(db, { id });
    if (!rec) throw notFound(KINDS[kind].label);
    return rec;
  }

  async create(caller: Caller, kind: DirectoryKind, input: Record<string, unknown>): Promise<Rec> {
    const def = KINDS[kind];
    checkAgainst(def.input, input);
    return this.db.transaction().execute(async (trx) => {
      const id = await repo.insertRecord(trx, def.table, await def.toColumns(trx, input, input));
      await auditChanges(trx, caller, def.table, [{ id, reason: 'created' }]);
      return this.get(caller, kind, id, trx);
    });
  }

  async update(caller: Caller, kind: DirectoryKind, id: number, version: number, patch: Record<string, unknown>): Promise<Rec> {
    const def = KINDS[kind];
    checkAgainst(def.patch, patch);
    return this.db.transaction().execute(async (trx) => {
      const current = await this.get(caller, kind, id, trx);
      // Rules that span fields (a ward's level against its unit) are checked on the merged record.
      const merged = { ...current, ...patch } as Record<string, unknown>;
      const columns = await def.toColumns(trx, kind === 'wards' ? merged : patch, patch, id);
      const changed = Object.fromEntries(Object.entries(columns).filter(([k]) => k === 'tier' || snakeKeys(patch).has(k)));
      if (!(await repo.updateIfVersion(trx, def.table, id, version, changed))) {
        // Read it again for the 412: `current` was read before a colleague's change committed.
        throw new AppError('version_conflict', undefined, { current: await this.get(caller, kind, id, trx) });
      }
      await auditChanges(trx, caller, def.table, [{ id, reason: `changed: ${Object.keys(patch).join(', ')}` }]);
      return this.get(caller, kind, id, trx);
    });
  }

  async retire(caller: Caller, kind: DirectoryKind, id: number, version: number): Promise<Rec> {
    const def = KINDS[kind];
    return this.db.transaction().execute(async (trx) => {
      await repo.lockForRetirement(trx, def.table, id);
      const current = await this.get(caller, kind, id, trx);
      if (current.version !== version) throw new AppError('version_conflict', undefined, { current });
      if (current.retiredAt) return current;
      await checkNothingInService(trx, kind, id);
      if (!(await repo.updateIfVersion(trx, def.table, id, version, { retired_at: new Date() }))) {
        throw new AppError('version_conflict', undefined, { current: await this.get(caller, kind, id, trx) });
      }
      await auditChanges(trx, caller, def.table, [{ id, reason: 'retired' }]);
      return this.get(caller, kind, id, trx);
    });
  }

  private async lookups(db: DbOrTx): Promise<CodeLookups> {
    const [region, organisation, unit] = await Promise.all([
      repo.idsByCode(db, 'region'),
      repo.idsByCode(db, 'organisation'),
      repo.idsByCode(db, 'unit'),
    ]);
    return { region, organisation, unit };
  }

  async exportCsv(caller: Caller, kind: DirectoryKind): Promise<string> {
    const records = await this.list(caller, kind, { includeRetired: true });
    const { header, rows } = exportRows(kind, records, await this.lookups(this.db));
    return formatCsv(header, rows);
  }

  /**
   * All-or-nothing import keyed by code: every row is checked first and the report names the row and
   * column of each problem; only a clean file is written, in one transaction.
   */
  async importCsv(caller: Caller, kind: DirectoryKind, text: string, dryRun: boolean): Promise<ImportReport> {
    let table;
    try {
      table = parseCsv(text);
    } catch (e) {
      if (e instanceof CsvSyntaxError) {
        throw new AppError('csv_invalid', `Row ${e.rowNumber}: ${e.message}.`, { details: [{ row: e.rowNumber, message: e.message }] });
      }
      throw e;
    }
    const missing = missingColumns(kind, table.header);
    if (missing.length > 0) {
      throw new AppError('csv_invalid', `The header row lacks the column(s): ${missing.join(', ')}.`, {
        details: missing.map((field) => ({ row: 1, field, message: 'column is missing from the header row' })),
      });
    }
    if (table.rows.length === 0) throw new AppError('csv_invalid', 'The file has no data rows.');
    const def = KINDS[kind];
    const report: ImportReport = { kind, dryRun, rows: table.rows.length, created: 0, updated: 0, unchanged: 0 };
    try {
      await this.db.transaction().execute(async (trx) => {
        const lookups = await this.lookups(trx);
        const existing = new Map((await def.list(trx, { includeRetired: true })).map((r) => [r.code, r]));
        const problems: ErrorDetail[] = [];
        const seen = new Map<string, number>();
        const parsed = table.rows.map(({ rowNumber, cells }) => {
          const { input, retire, problems: rowProblems } = rowToInput(kind, table.header, cells, lookups);
          for (const p of rowProblems) problems.push({ row: rowNumber, field: p.field, message: p.message });
          if (rowProblems.length === 0) {
            for (const d of describeValidation([...Value.Errors(def.input, input)])) {
              problems.push({ row: rowNumber, field: columnForField(kind, d.field ?? ''), message: d.message });
            }
          }
          const code = String(input.code ?? '');
          if (code && seen.has(code)) problems.push({ row: rowNumber, field: 'code', message: `repeats the code on row ${seen.get(code)}` });
          seen.set(code, rowNumber);
          return { rowNumber, input, retire };
        });
        if (problems.length > 0) throw new AppError('csv_invalid', undefined, { details: problems.slice(0, 500) });
        // Everything to be retired is locked before anything is written, in id order, as a single
        // retirement locks (an admission's occupancy row, then the record): a write takes the bed
        // state's generation row, which an admission needs after its occupancy row.
        const retiring = parsed.flatMap(({ input, retire }) => {
          const before = existing.get(String(input.code));
          return retire && before && !before.retiredAt ? [before.id] : [];
        });
        for (const id of retiring.sort((a, b) => a - b)) await repo.lockForRetirement(trx, def.table, id);
        // Audited once, at the end: the audit chain's lock is then held for one statement, not the import.
        const changes: { id: number; reason: string }[] = [];
        for (const { rowNumber, input, retire } of parsed) {
          try {
            const before = existing.get(String(input.code));
            // A row that retires its record places nothing new under its parent (which may be retired too).
            const columns = await def.toColumns(trx, input, retire ? {} : input, before?.id);
            if (retire && before && !before.retiredAt) await checkNothingInService(trx, kind, before.id);
            if (retire) columns.retired_at = before?.retiredAt ? new Date(before.retiredAt) : new Date();
            else columns.retired_at = null;
            if (!before) {
              changes.push({ id: await repo.insertRecord(trx, def.table, columns), reason: 'created by import' });
              report.created++;
            } else if (differs(before, input, retire)) {
              if (!(await repo.updateIfVersion(trx, def.table, before.id, before.version, columns))) {
                throw new AppError('version_conflict', 'someone changed this record while the file was being imported. Import the file again.');
              }
              changes.push({ id: before.id, reason: 'changed by import' });
              report.updated++;
            } else report.unchanged++;
          } catch (e) {
            const known = e instanceof AppError ? e : mapPgError(e);
            if (known) {
              throw new AppError('csv_invalid', `Row ${rowNumber}: ${known.message}`, { details: [{ row: rowNumber, message: known.message }] });
            }
            throw e;
          }
        }
        if (changes.length > 0) await auditChanges(trx, caller, def.table, changes);
        if (dryRun) throw new DryRunRollback();
      });
    } catch (e) {
      if (!(e instanceof DryRunRollback)) throw e;
    }
    return report;
  }
}

/**
 * Input checked against its schema here too, not only by the route: the command line reaches this
 * service without it, and columns are named after the input's fields.
 */
function checkAgainst(schema: TSchema, input: unknown) {
  const refused = validationError([...Value.Errors(schema, input)]);
  if (refused) throw refused;
}

/** A record is retired only with nothing in service under it (held by lockForRetirement first). */
async function checkNothingInService(trx: DbOrTx, kind: DirectoryKind, id: number) {
  const live = await repo.countLiveChildren(trx, KINDS[kind].table, id);
  if (live === 0) return;
  const what = kind === 'wards' ? `${live} patient(s) are on this ward` : `${live} ${kind === 'organisations' ? 'unit' : 'ward'}(s) are still in service`;
  throw new AppError('still_in_use', `${KINDS[kind].label} cannot be retired: ${what}.`);
}

/** Every change to the directory is audited: where a ward sits decides who reaches its patients. */
const auditChanges = (trx: DbOrTx, caller: Caller, table: repo.DirectoryTable, changes: readonly { id: number; reason: string }[]) =>
  audit(trx, caller, changes.map((c) => ({ action: 'admin', patientId: null, recordType: table, recordId: c.id, reason: c.reason })));

function snakeKeys(o: Record<string, unknown>) {
  return new Set(Object.keys(o).map(snake));
}

function differs(before: Rec, input: Record<string, unknown>, retire: boolean) {
  if (Boolean(before.retiredAt) !== retire) return true;
  return Object.entries(input).some(([k, v]) => (before as unknown as Record<string, unknown>)[k] !== v);
}
