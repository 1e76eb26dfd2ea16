import { Command, InvalidArgumentError } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { buildServices } from '../app.js';
import { AuditService } from '../audit/audit.service.js';
import { loadConfig } from '../config.js';
import { openDatabase, type OpenDatabase } from '../db/open.js';
import { DIRECTORY_KINDS, type DirectoryKind } from '../directory/directory.schema.js';
import type { Caller } from '../http/caller.js';
import { AppError } from '../http/errors.js';
import { permissionsOf } from '../http/policy.js';
import { DEFAULT_HISTORY_YEARS, ensureDemoUsers, seedDemo, today, wipeRegister } from '../seed/demo.js';
import { formatTable } from './format.js';
import { registerReferralCommands } from './referrals.js';
import { registerPlanningCommands } from './planning.js';
import { registerUserCommands } from './users.js';

// `securepath`: the same services the API uses, for operators at a terminal.

/** The CLI runs with the database's own credentials, so it acts as the system administrator. */
const OPERATOR: Caller = {
  userId: 0,
  username: 'cli',
  displayName: 'Command line',
  roles: ['admin'],
  role: 'admin',
  permissions: permissionsOf('admin'),
  sessionId: 'cli',
  csrfToken: '',
  // No sign-in happens at a terminal: the database credentials are the operator's proof.
  totpEnrolled: false,
  secondFactorAt: null,
  scope: 'database operator',
};

const int = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`${name} must be a whole number`);
  return n;
};
const kindArg = (v: string): DirectoryKind => {
  if (!(DIRECTORY_KINDS as readonly string[]).includes(v)) throw new InvalidArgumentError(`must be one of ${DIRECTORY_KINDS.join(', ')}`);
  return v as DirectoryKind;
};

async function withDatabase<T>(fn: (d: OpenDatabase) => Promise<T>, opts: { migrate?: boolean } = {}): Promise<T> {
  const config = loadConfig();
  const d = await openDatabase(config, (l) => process.stderr.write(`${l}\n`), opts);
  try {
    return await fn(d);
  } finally {
    await d.close();
  }
}

const print = (json: boolean, value: unknown, table: () => string) => console.log(json ? JSON.stringify(value, null, 2) : table());

const program = new Command('securepath').description('SecurePath: secure mental health services register and bed state').showHelpAfterError();

program
  .command('migrate')
  .description('Bring the database schema up to date')
  // Whatever SECUREPATH_MIGRATE says: this is how the owner migrates for servers that do not.
  .action(() => withDatabase(async () => console.log('Database schema is up to date.'), { migrate: true }));

program
  .command('seed')
  .description('Load the synthetic demo nation (never real people)')
  .requiredOption('--demo', 'generate the synthetic demo nation')
  .option('--scale <n>', 'multiply the nation (1 ≈ 7,500 current patients)', int('--scale'), 1)
  .option('--seed <n>', 'random seed: the same seed gives the same nation', int('--seed'), 1)
  .option('--as-of <date>', 'the "today" of the history (YYYY-MM-DD)', undefined)
  .option('--years <n>', 'years of pathway history', int('--years'), DEFAULT_HISTORY_YEARS)
  .option('--reset', 'replace whatever the register holds now')
  .action((o: { scale: number; seed: number; asOf?: string; years: number; reset?: boolean }) =>
    withDatabase(async ({ db }) => {
      const asOf = o.asOf ? new Date(`${o.asOf}T00:00:00Z`) : today();
      if (Number.isNaN(asOf.getTime())) throw new InvalidArgumentError('--as-of must be a date, YYYY-MM-DD');
      if (o.reset) await wipeRegister(db);
      let last = '';
      const summary = await seedDemo(db, {
        scale: o.scale,
        seed: o.seed,
        asOf,
        years: o.years,
        onProgress: (stage, f) => {
          const line = `${stage.padEnd(10)} ${String(Math.floor(f * 10) * 10).padStart(3)}%`;
          if (line !== last) process.stderr.write(`${line}\n`);
          last = line;
        },
      });
      await ensureDemoUsers(db, loadConfig().demoPassword);
      console.log(formatTable(['what', 'count'], Object.entries(summary).map(([k, v]) => [k, String(v)])));
    }),
  );

const directory = program.command('directory').description('The service directory: organisations, units and wards');
directory
  .command('list <kind>')
  .description('List organisations, units or wards')
  .option('--all', 'include retired records')
  .option('--json', 'print JSON')
  .action((kind: string, o: { all?: boolean; json?: boolean }) =>
    withDatabase(async ({ db }) => {
      const k = kindArg(kind);
      const records = await buildServices(db, loadConfig()).directory.list(OPERATOR, k, { includeRetired: o.all });
      print(Boolean(o.json), records, () =>
        formatTable(['id', 'code', 'name', 'version', 'retired'], records.map((r) => [String(r.id), r.code, r.name, String(r.version), r.retiredAt ? 'yes' : ''])),
      );
    }),
  );
directory
  .command('create <kind> <json>')
  .description('Create a record from JSON, e.g. directory create wards \'{"code":"U0001-20",...}\'')
  .action((kind: string, json: string) =>
    withDatabase(async ({ db }) => {
      const rec = await buildServices(db, loadConfig()).directory.create(OPERATOR, kindArg(kind), JSON.parse(json) as Record<string, unknown>);
      console.log(JSON.stringify(rec, null, 2));
    }),
  );
directory
  .command('edit <kind> <id> <json>')
  .description('Change fields of a record; --version must be the version you last saw')
  .requiredOption('--version <n>', 'the version being edited', int('--version'))
  .action((kind: string, id: string, json: string, o: { version: number }) =>
    withDatabase(async ({ db }) => {
      const rec = await buildServices(db, loadConfig()).directory.update(OPERATOR, kindArg(kind), int('id')(id), o.version, JSON.parse(json) as Record<string, unknown>);
      console.log(JSON.stringify(rec, null, 2));
    }),
  );
directory
  .command('retire <kind> <id>')
  .description('Retire a record (kept for history, no longer in service)')
  .requiredOption('--version <n>', 'the version being retired', int('--version'))
  .action((kind: string, id: string, o: { version: number }) =>
    withDatabase(async ({ db }) => {
      const rec = await buildServices(db, loadConfig()).directory.retire(OPERATOR, kindArg(kind), int('id')(id), o.version);
      console.log(`Retired ${rec.code} ${rec.name}.`);
    }),
  );
directory
  .command('export <kind>')
  .description('Write a CSV of organisations, units or wards')
  .option('--out <file>', 'file to write (default: standard output)')
  .action((kind: string, o: { out?: string }) =>
    withDatabase(async ({ db }) => {
      const csv = await buildServices(db, loadConfig()).directory.exportCsv(OPERATOR, kindArg(kind));
      if (o.out) writeFileSync(o.out, csv);
      else process.stdout.write(csv);
    }),
  );
directory
  .command('import <kind> <file>')
  .description('Import a CSV (all rows or none); problems are listed by row and column')
  .option('--dry-run', 'check the file without saving')
  .action((kind: string, file: string, o: { dryRun?: boolean }) =>
    withDatabase(async ({ db }) => {
      const report = await buildServices(db, loadConfig()).directory.importCsv(OPERATOR, kindArg(kind), readFileSync(file, 'utf8'), Boolean(o.dryRun));
      console.log(`${report.dryRun ? 'Checked (nothing saved)' : 'Imported'}: ${report.rows} rows, ${report.created} new, ${report.updated} changed, ${report.unchanged} unchanged.`);
    }),
  );

program
  .command('audit')
  .description('The audit trail')
  .command('verify')
  .description('Recompute the hash chain of every audit event and report any break')
  .action(() =>
    withDatabase(async ({ db }) => {
      const r = await new AuditService(db).verify();
      if (r.ok) console.log(`Audit trail intact: ${r.events} events, every hash and link checks out.`);
      else {
        console.error(`Audit trail BROKEN (${r.events} events):`);
        for (const b of r.breaks) console.error(`  event ${b.seq}: ${b.problem}`);
        if (!r.headMatches) console.error('  the chain head does not match the last event (events removed from the end?)');
        process.exitCode = 2;
      }
    }),
  );

const beds = program.command('beds').description('Live bed state');
beds
  .command('state')
  .description('Bed state of a scope (default: every nation)')
  .option('--nation <id>', 'nation id', int('--nation'))
  .option('--region <id>', 'region id', int('--region'))
  .option('--organisation <id>', 'provider id', int('--organisation'))
  .option('--unit <id>', 'unit id', int('--unit'))
  .option('--json', 'print JSON')
  .action((o: { nation?: number; region?: number; organisation?: number; unit?: number; json?: boolean }) =>
    withDatabase(async ({ db }) => {
      const s = await buildServices(db, loadConfig()).beds.state(OPERATOR, { nationId: o.nation, regionId: o.region, organisationId: o.organisation, unitId: o.unit });
      print(Boolean(o.json), s, () => {
        const row = (name: string, c: typeof s) => [name, c.commissioned, c.closed, c.occupied, c.vacant, `${c.occupancyPct}%`].map(String);
        return [
          `${s.scope.breadcrumb.map((b) => b.name).join(' › ')} (as of ${s.asOf})`,
          formatTable(['', 'commissioned', 'closed', 'occupied', 'vacant', 'occupancy'], [
            row('Total', s),
            ...s.byTier.map((t) => row(`  ${t.tier}`, { ...s, ...t })),
            ...s.children.map((c) => row(`${s.childLevel}: ${c.name}`, { ...s, ...c })),
          ]),
          `Median current length of stay: ${s.lengthOfStay.medianDays ?? '–'} days`,
        ].join('\n');
      });
    }),
  );

registerPlanningCommands(program, { withDatabase, operator: OPERATOR });
registerReferralCommands(program, { withDatabase, operator: OPERATOR });
registerUserCommands(program, { withDatabase, operator: OPERATOR });

program.parseAsync().catch((e: unknown) => {
  if (e instanceof AppError) console.error(`Error (${e.code}): ${e.message}${e.details ? `\n${e.details.map((d) => `  ${d.row ? `row ${d.row}, ` : ''}${d.field ?? ''}: ${d.message}`).join('\n')}` : ''}`);
  else console.error(`Error: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
