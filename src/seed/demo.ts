import { sql } from 'kysely';
import { hashPassword } from '../auth/password.js';
import { upsertUser } from '../auth/auth.repo.js';
import type { Config } from '../config.js';
import type { Db, DbOrTx } from '../db/connection.js';
import { ROLES, ROLE_LABELS, type Role } from '../shared/vocabulary.js';
import { generateDirectory, NATIONS } from './nation.js';
import { simulateHistory } from './pathways.js';
import { generateReferrals, type DemoReferrals } from './referrals.js';

export interface SeedOptions {
  scale: number;
  seed: number;
  /** The "today" of the generated history; fixed for reproducible runs. */
  asOf: Date;
  years: number;
  onProgress?: (stage: string, fraction: number) => void;
}

export interface SeedSummary {
  regions: number;
  organisations: number;
  units: number;
  wards: number;
  beds: number;
  patients: number;
  placements: number;
  currentPatients: number;
  seconds: number;
}

export const DEFAULT_HISTORY_YEARS = 22;
export const MAX_SCALE = 12;
const CHUNK = 20_000;

/** Today at midnight UTC: a seed made on one day is the same whatever the hour. */
export const today = () => new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);

/**
 * A column of a bulk insert: its name, the PostgreSQL type of the array it is sent as, and optionally
 * an SQL expression over that value (`$`), for columns that cannot travel as one array element
 * (a text[] is sent as one comma-joined text).
 */
export type BulkColumn = [name: string, pgType: string, expression?: string];

export async function bulkInsert(db: DbOrTx, table: string, columns: BulkColumn[], rows: unknown[][], onChunk?: (done: number) => void) {
  for (let from = 0; from < rows.length; from += CHUNK) {
    const chunk = rows.slice(from, from + CHUNK);
    const arrays = columns.map((_, c) => chunk.map((r) => r[c]));
    const names = sql.raw(columns.map(([n]) => n).join(', '));
    const unnest = sql.join(columns.map(([, type], c) => sql`${arrays[c]}::${sql.raw(type)}[]`));
    const aliases = sql.raw(columns.map((_, c) => `c${c}`).join(', '));
    const select = sql.raw(columns.map(([, , expr], c) => (expr ? expr.replaceAll('$', `u.c${c}`) : `u.c${c}`)).join(', '));
    await sql`INSERT INTO ${sql.table(table)} (${names}) OVERRIDING SYSTEM VALUE SELECT ${select} FROM unnest(${unnest}) AS u(${aliases})`.execute(db);
    onChunk?.(Math.min(rows.length, from + CHUNK));
  }
  if (rows.length > 0 && columns[0]![0] === 'id') {
    await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), ${rows.length})`.execute(db);
  }
}

async function insertReferrals(db: DbOrTx, r: DemoReferrals) {
  await bulkInsert(
    db,
    'referral',
    [
      ['id', 'int'], ['patient_id', 'int'], ['source', 'text'], ['referring_organisation_id', 'int'], ['referring_unit_id', 'int'], ['referring_clinician', 'text'],
      ['legal_route', 'text'], ['urgency', 'text'], ['urgency_reason', 'text'], ['requested_tier', 'text'], ['requested_specialism', 'text'], ['home_region_id', 'int'],
      ['offence_category', 'text'], ['target_unit_id', 'int'], ['target_region_id', 'int'], ['received_at', 'timestamptz'], ['clock_policy', 'text'], ['state', 'text'],
      ['first_assessment_at', 'timestamptz'], ['offered_ward_id', 'int'], ['placement_id', 'int8'], ['stopped_at', 'timestamptz'], ['breach_reason', 'text'],
      ['breach_note', 'text'], ['direction_issued_on', 'date'], ['received_on', 'date'], ['assessed_on', 'date'], ['stopped_on', 'date'], ['assessment_count', 'int'],
    ],
    r.referrals,
  );
  await bulkInsert(
    db,
    'assessment',
    [
      ['id', 'int'], ['referral_id', 'int'], ['patient_id', 'int'], ['assessed_at', 'timestamptz'], ['assessor_name', 'text'], ['assessor_unit_id', 'int'],
      ['disciplines', 'text', "string_to_array($, ',')"], ['recommended_tier', 'text'], ['recommended_specialism', 'text'], ['rationale', 'text'],
      ['security_ratings', 'jsonb'], ['urgency_ratings', 'jsonb'], ['supervision_items', 'text', "coalesce(string_to_array(nullif($, ''), ',')::smallint[], '{}')"],
      ['supervision_indication', 'text'], ['valid_until', 'date'], ['repeats_assessment_id', 'int'], ['recorded_at', 'timestamptz'],
    ],
    r.assessments,
  );
  await bulkInsert(
    db,
    'panel_decision',
    [['id', 'int'], ['referral_id', 'int'], ['panel_unit_id', 'int'], ['decided_at', 'timestamptz'], ['decision', 'text'], ['reason', 'text'], ['recommended_tier', 'text'], ['members', 'jsonb'], ['assessment_id', 'int'], ['recorded_at', 'timestamptz']],
    r.decisions,
  );
  await bulkInsert(db, 'referral_event', [['id', 'int8'], ['referral_id', 'int'], ['at', 'timestamptz'], ['kind', 'text'], ['detail', 'jsonb']], r.events);
  await bulkInsert(
    db,
    'case_conference',
    [
      ['id', 'int'], ['patient_id', 'int'], ['referral_id', 'int'], ['kind', 'text'], ['calendar', 'text'], ['notice_given_at', 'timestamptz'], ['scheduled_for', 'timestamptz'],
      ['notice_working_days', 'int'], ['short_notice_reason', 'text'], ['invited', 'text', "string_to_array($, ',')"], ['venue', 'text'],
    ],
    r.conferences,
  );
}

export async function hasDirectory(db: DbOrTx): Promise<boolean> {
  const row = await db.selectFrom('nation').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * Empties the register for `seed --reset`. Its sequences are not restarted (only their owner may, and
 * the application acts as securepath_app): seeding sets each one past the ids it writes.
 */
export async function wipeRegister(db: DbOrTx) {
  await sql`TRUNCATE case_assignment, placement, patient, ward_occupancy, ward, unit, organisation, region, nation, demo_state CASCADE`.execute(db);
}

/** Writes the synthetic nation into an empty register, in one transaction. */
export async function seedDemo(db: Db, opts: SeedOptions): Promise<SeedSummary> {
  if (!Number.isInteger(opts.scale) || opts.scale < 1 || opts.scale > MAX_SCALE) {
    throw new Error(`--scale must be a whole number from 1 to ${MAX_SCALE}`);
  }
  const started = performance.now();
  const progress = opts.onProgress ?? (() => {});
  progress('directory', 0);
  const dir = generateDirectory(opts.scale, opts.seed);
  const history = simulateHistory(dir, { seed: opts.seed, asOf: opts.asOf, years: opts.years, onProgress: (f) => progress('history', f) });

  await db.transaction().execute(async (trx) => {
    if (await hasDirectory(trx)) throw new Error('The register already holds data: use --reset to replace it.');
    await bulkInsert(trx, 'nation', [['id', 'int'], ['code', 'text'], ['name', 'text']], NATIONS.map((n, i) => [i + 1, n.code, n.name]));
    const nationId = new Map(NATIONS.map((n, i) => [n.code as string, i + 1]));
    await bulkInsert(
      trx,
      'region',
      [['id', 'int'], ['nation_id', 'int'], ['code', 'text'], ['name', 'text'], ['population', 'int'], ['latitude', 'float8'], ['longitude', 'float8']],
      dir.regions.map((r, i) => [i + 1, nationId.get(r.nation), r.code, r.name, r.population, r.latitude, r.longitude]),
    );
    await bulkInsert(
      trx,
      'organisation',
      [['id', 'int'], ['code', 'text'], ['name', 'text'], ['sector', 'text'], ['region_id', 'int']],
      dir.organisations.map((o, i) => [i + 1, o.code, o.name, o.sector, o.region + 1]),
    );
    await bulkInsert(
      trx,
      'unit',
      [['id', 'int'], ['organisation_id', 'int'], ['region_id', 'int'], ['code', 'text'], ['name', 'text'], ['service_type', 'text'], ['commissioning_level', 'text']],
      dir.units.map((u, i) => [i + 1, u.organisation + 1, u.region + 1, u.code, u.name, u.serviceType, u.commissioningLevel]),
    );
    await bulkInsert(
      trx,
      'ward',
      [['id', 'int'], ['unit_id', 'int'], ['code', 'text'], ['name', 'text'], ['security_level', 'int2'], ['tier', 'text'], ['sex', 'text'], ['specialism', 'text'], ['commissioned_beds', 'int'], ['closed_beds', 'int']],
      dir.wards.map((w, i) => [i + 1, w.unit + 1, w.code, w.name, w.securityLevel, w.tier, w.sex, w.specialism, w.commissioned, w.closed]),
    );
    progress('patients', 0);
    await bulkInsert(
      trx,
      'patient',
      [['id', 'int'], ['nhs_number', 'text'], ['chi_number', 'text'], ['given_name', 'text'], ['family_name', 'text'], ['date_of_birth', 'date'], ['sex', 'text'], ['ethnicity', 'text'], ['home_region_id', 'int']],
      history.patients.map((p, i) => [i + 1, p.nhsNumber, p.chiNumber, p.givenName, p.familyName, p.dateOfBirth, p.sex, p.ethnicity, p.homeRegion + 1]),
      (done) => progress('patients', done / history.patients.length),
    );
    // Each person's placements in time order, so ids read as the pathway does.
    const ordered = [...history.placements].sort((a, b) => a.patient - b.patient || a.start - b.start);
    const iso = (ms: number | null) => (ms === null || ms > history.asOfMs ? null : new Date(ms).toISOString());
    await bulkInsert(
      trx,
      'placement',
      [['id', 'int8'], ['patient_id', 'int'], ['ward_id', 'int'], ['admitted_at', 'timestamptz'], ['ended_at', 'timestamptz'], ['start_kind', 'text'], ['source', 'text'], ['direction', 'text'], ['end_reason', 'text'], ['destination', 'text']],
      ordered.map((p, i) => {
        const ended = iso(p.end);
        return [i + 1, p.patient + 1, p.ward + 1, new Date(p.start).toISOString(), ended, p.startKind, p.source, p.direction, ended ? p.endReason : null, ended ? p.destination : null];
      }),
      (done) => progress('placements', done / ordered.length),
    );
    progress('referrals', 0);
    await insertReferrals(trx, generateReferrals(dir, history.patients, ordered, history.asOfMs, opts.seed));
    progress('referrals', 1);
    await trx
      .insertInto('demo_state')
      .values({ id: true, seed: opts.seed, scale: opts.scale, seeded_at: new Date(), as_of: opts.asOf })
      .execute();
  });
  await sql`ANALYZE`.execute(db);
  const current = history.placements.filter((p) => p.end === null || p.end > history.asOfMs).length;
  return {
    regions: dir.regions.length,
    organisations: dir.organisations.length,
    units: dir.units.length,
    wards: dir.wards.length,
    beds: dir.wards.reduce((s, w) => s + w.commissioned, 0),
    patients: history.patients.length,
    placements: history.placements.length,
    currentPatients: current,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

/** Invented people for the demo accounts, one per role, in the order of ROLES. */
const DEMO_NAMES = ['Priya Natarajan', 'Tom Okafor', 'Dr Helen Marsh', 'Gary Lewis', 'Fiona Campbell', 'Dev Sharma', 'Ruth Adeyemi', 'Iain Stewart', 'Megan Price', 'Sam Whitfield', 'Joanne Kerr'];

/** One account per role, user name = role slug; only ever created in demo mode. */
export async function ensureDemoUsers(db: DbOrTx, password: string) {
  const hash = await hashPassword(password);
  for (const [i, role] of ROLES.entries()) {
    await upsertUser(db, { username: role, displayName: `${DEMO_NAMES[i] ?? ROLE_LABELS[role]} (demo)`, passwordHash: hash, roles: [role] });
  }
  await grantDemoScopes(db);
}

/**
 * The demo accounts' patch: the bed manager and in-reach clinician cover London, the responsible
 * clinician one medium secure unit there, the ward clinician and manager one ward of it; the case
 * manager has twenty London patients assigned.
 */
async function grantDemoScopes(db: DbOrTx) {
  const region = await db.selectFrom('region').select('id').orderBy(sql`code = 'E-LON'`, 'desc').orderBy('id').executeTakeFirst();
  if (!region) return;
  const ward = await db
    .selectFrom('ward as w')
    .innerJoin('unit as u', 'u.id', 'w.unit_id')
    .select(['w.id as ward_id', 'u.id as unit_id'])
    .where('u.region_id', '=', region.id)
    .where('w.tier', '=', 'medium')
    .orderBy('w.id')
    .executeTakeFirst();
  const users = new Map((await db.selectFrom('app_user').select(['id', 'username']).where('username', 'in', [...ROLES]).execute()).map((u) => [u.username, u.id]));
  const grant = (role: Role, level: 'ward' | 'unit' | 'region', refId: number | undefined) =>
    users.has(role) && refId !== undefined ? [{ user_id: users.get(role)!, role, level, ref_id: refId }] : [];
  const scopes = [
    ...grant('bed-manager', 'region', region.id),
    ...grant('in-reach-clinician', 'region', region.id),
    ...grant('responsible-clinician', 'unit', ward?.unit_id),
    ...grant('ward-manager', 'ward', ward?.ward_id),
    ...grant('ward-clinician', 'ward', ward?.ward_id),
  ];
  await db.deleteFrom('user_scope').where('user_id', 'in', [...users.values()]).execute();
  if (scopes.length > 0) await db.insertInto('user_scope').values(scopes).execute();
  const caseManager = users.get('case-manager');
  if (caseManager !== undefined) {
    await db.deleteFrom('case_assignment').where('user_id', '=', caseManager).execute();
    await sql`
      INSERT INTO case_assignment (user_id, patient_id)
      SELECT ${caseManager}, pl.patient_id FROM placement pl JOIN ward w ON w.id = pl.ward_id JOIN unit u ON u.id = w.unit_id
      WHERE pl.ended_at IS NULL AND u.region_id = ${region.id} ORDER BY pl.patient_id LIMIT 20`.execute(db);
  }
}

/** On first start in demo mode: load the synthetic nation (scale 1) and the demo accounts. */
export async function ensureDemo(db: Db, config: Config, log: (line: string) => void) {
  if (!(await hasDirectory(db))) {
    log('First start: generating the synthetic demo nation (scale 1, seed 1) …');
    let last = '';
    const summary = await seedDemo(db, {
      scale: 1,
      seed: 1,
      asOf: today(),
      years: DEFAULT_HISTORY_YEARS,
      onProgress: (stage, f) => {
        const line = `${stage} ${Math.floor(f * 4) * 25}%`;
        if (line !== last) log(`  ${line}`);
        last = line;
      },
    });
    log(`Demo nation ready: ${summary.wards} wards, ${summary.beds} beds, ${summary.currentPatients} current patients, ${summary.placements} placements (${summary.seconds} s).`);
  }
  await ensureDemoUsers(db, config.demoPassword);
}
