import { sql, type RawBuilder } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegister, patientInput, type Register } from '../../test/support/register-fixture.js';
import { createTestApp, ownerUrlOf, withClient, type Client, type TestApp } from '../../test/support/test-app.js';
import type { PatientDetail } from '../patients/patients.schema.js';

let t: TestApp;
let reg: Register;
let bm: Client;
let privacy: Client;
let patient: PatientDetail;

beforeAll(async () => {
  t = await createTestApp();
  reg = await createRegister(t.db);
  bm = await t.as('bed-manager');
  privacy = await t.as('privacy-officer');
  patient = (await bm.post('/api/patients', patientInput(reg.north, { familyName: 'Audited' }))).json() as PatientDetail;
});
afterAll(() => t.close());

const eventsFor = (patientId: number) =>
  t.db.selectFrom('audit_event').select(['seq', 'username', 'role', 'action', 'record_type', 'record_id', 'request_id']).where('patient_id', '=', patientId).orderBy('seq').execute();

describe('every read and write of patient data is audited', () => {
  it('records the creation, each read, each search hit and each placement action, with who and which request', async () => {
    await bm.get(`/api/patients/${patient.id}`);
    await bm.get('/api/patients?q=audited');
    await bm.post(`/api/patients/${patient.id}/admit`, { wardId: reg.wards.lowMale, source: 'court' });
    const events = await eventsFor(patient.id);
    expect(events.map((e) => e.action)).toEqual(['create', 'read', 'search', 'admit']);
    expect(events.every((e) => e.username === 'bed-manager' && e.role === 'bed-manager' && e.request_id)).toBe(true);
    // The admission names the placement it began.
    const placement = await t.db.selectFrom('placement').select('id').where('patient_id', '=', patient.id).executeTakeFirstOrThrow();
    expect(events.at(-1)!.record_id).toBe(String(placement.id));
  });

  it('records a look at a record that is not there as a denied attempt', async () => {
    expect((await bm.get('/api/patients/777777')).statusCode).toBe(404);
    const denied = (await privacy.get('/api/audit/denied')).json() as { recordId: string; username: string }[];
    expect(denied[0]).toMatchObject({ recordId: '777777', username: 'bed-manager' });
  });

  it('shows the privacy officer who has looked at a patient, and nobody else may see it', async () => {
    const trail = (await privacy.get(`/api/audit/patients/${patient.id}`)).json() as { username: string; action: string }[];
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(['read', 'search', 'admit', 'create']));
    expect((await bm.get(`/api/audit/patients/${patient.id}`)).statusCode).toBe(403);
  });

  it("shows in a patient's trail who tried to open their record and was refused, a page at a time", async () => {
    const user = await t.db.selectFrom('app_user').select('id').where('username', '=', 'ward-clinician').executeTakeFirstOrThrow();
    await t.db.deleteFrom('user_scope').where('user_id', '=', user.id).execute();
    expect((await (await t.as('ward-clinician')).get(`/api/patients/${patient.id}`)).statusCode).toBe(404);
    type Shown = { seq: number; username: string; action: string; recordId: string };
    // Newest first (the privacy officer's own look at the trail on top), two at a time: each page
    // starts below the last, and together they are the trail.
    const first = (await privacy.get(`/api/audit/patients/${patient.id}?limit=2`)).json() as Shown[];
    expect(first[1]).toMatchObject({ username: 'ward-clinician', action: 'denied', recordId: String(patient.id) });
    const second = (await privacy.get(`/api/audit/patients/${patient.id}?limit=2&before=${first.at(-1)!.seq}`)).json() as Shown[];
    const trail = (await privacy.get(`/api/audit/patients/${patient.id}`)).json() as Shown[];
    expect([...first, ...second].map((e) => e.seq)).toEqual(trail.filter((e) => e.seq <= first[0]!.seq).slice(0, 4).map((e) => e.seq));
  });

  it('records a request the role may not make as a denied attempt, in the patient’s trail when it names one', async () => {
    const commissioner = await t.as('commissioner');
    expect((await commissioner.get(`/api/patients/${patient.id}`)).statusCode).toBe(403);
    expect((await commissioner.get('/api/users')).statusCode).toBe(403);
    const denied = await t.db.selectFrom('audit_event').select(['record_type', 'record_id', 'reason']).where('username', '=', 'commissioner').where('action', '=', 'denied').orderBy('seq').execute();
    expect(denied).toEqual([
      { record_type: 'patient', record_id: String(patient.id), reason: 'GET /api/patients/:id: not permitted for the role' },
      { record_type: 'route', record_id: null, reason: 'GET /api/users: not permitted for the role' },
    ]);
    const trail = (await privacy.get(`/api/audit/patients/${patient.id}`)).json() as { username: string; action: string }[];
    expect(trail).toContainEqual(expect.objectContaining({ username: 'commissioner', action: 'denied' }));
  });

  it("audits the privacy officer's look at the refused attempts, naming the patients it shows", async () => {
    const denied = (await privacy.get('/api/audit/denied')).json() as { patientId: number | null; recordType: string; recordId: string }[];
    expect(denied.some((d) => d.recordType === 'patient' && d.recordId === String(patient.id))).toBe(true);
    const looks = await t.db.selectFrom('audit_event').select(['username', 'patient_ids']).where('record_type', '=', 'denied_attempts').orderBy('seq', 'desc').execute();
    expect(looks[0]).toMatchObject({ username: 'privacy-officer', patient_ids: expect.arrayContaining([patient.id, 777777]) });
  });
});

describe('the audit trail cannot be rewritten', () => {
  it('verifies an intact chain', async () => {
    const v = (await privacy.get('/api/audit/verify')).json();
    expect(v).toMatchObject({ ok: true, headMatches: true, breaks: [] });
    expect(v.events).toBeGreaterThan(4);
  });

  it('refuses UPDATE and DELETE to the application role by grant', async () => {
    // t.db acts as the application's role, as the server does.
    await expect(sql`UPDATE audit_event SET username = 'someone else'`.execute(t.db)).rejects.toMatchObject({ code: '42501' });
    await expect(sql`DELETE FROM audit_event`.execute(t.db)).rejects.toMatchObject({ code: '42501' });
    await expect(sql`UPDATE audit_head SET last_seq = 0`.execute(t.db)).rejects.toMatchObject({ code: '42501' });
  });

  it('fails the request when its audit event cannot be written: no record shown, nothing changed', async () => {
    await asOwner((owner) => owner.query('REVOKE INSERT ON audit_event FROM securepath_app'));
    try {
      const read = await bm.get(`/api/patients/${patient.id}`);
      expect(read.statusCode).toBe(500);
      expect(read.body).not.toContain('Audited');
      const search = await bm.get('/api/patients?q=Audited');
      expect(search.statusCode).toBe(500);
      expect(search.body).not.toContain('Audited');
      const version = (await t.db.selectFrom('patient').select('version').where('id', '=', patient.id).executeTakeFirstOrThrow()).version;
      const edit = await bm.patch(`/api/patients/${patient.id}`, { familyName: 'Unaudited' }, { 'if-match': `"${version}"` });
      expect(edit.statusCode).toBe(500);
      expect(await t.db.selectFrom('patient').select(['family_name', 'version']).where('id', '=', patient.id).executeTakeFirstOrThrow()).toEqual({ family_name: 'Audited', version });
    } finally {
      await asOwner((owner) => owner.query('GRANT INSERT ON audit_event TO securepath_app'));
    }
    expect((await bm.get(`/api/patients/${patient.id}`)).statusCode).toBe(200);
  });

  it('keeps one unbroken chain, head included, when many requests append at once', async () => {
    const reads = await Promise.all(Array.from({ length: 30 }, () => bm.get(`/api/patients/${patient.id}`)));
    expect(reads.every((r) => r.statusCode === 200)).toBe(true);
    await Promise.all(Array.from({ length: 10 }, () => bm.get('/api/patients?q=audited')));
    expect((await privacy.get('/api/audit/verify')).json()).toMatchObject({ ok: true, headMatches: true, breaks: [] });
  });

  it('cannot be led astray by a temporary table the application makes in the chain’s name', async () => {
    // The chain trigger runs with its owner's rights; unqualified names would find these first.
    await t.db.connection().execute(async (conn) => {
      await sql`CREATE TEMP TABLE audit_event (seq bigint, hash text); INSERT INTO audit_event VALUES (999999, 'forged')`.execute(conn);
      await sql`CREATE TEMP TABLE audit_head (id boolean, last_seq bigint, last_hash text); INSERT INTO audit_head VALUES (true, 999999, 'forged')`.execute(conn);
      try {
        await sql`INSERT INTO public.audit_event (username, role, record_type, action, basis) VALUES ('bed-manager', 'bed-manager', 'patient', 'read', 'role')`.execute(conn);
      } finally {
        await sql`DROP TABLE pg_temp.audit_event, pg_temp.audit_head`.execute(conn);
      }
    });
    const last = await t.db.selectFrom('audit_event').select('seq').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(Number(last.seq)).toBeLessThan(999999);
    expect((await privacy.get('/api/audit/verify')).json()).toMatchObject({ ok: true, headMatches: true });
  });

  it('cannot run the application’s own code with the chain’s rights through a type in its temporary schema', async () => {
    // The chain's functions run as their owner. A text domain in the application's temporary schema,
    // whose check is the application's function, would run that function as the owner if the chain's
    // functions looked types up on the caller's search path. A new session, so they are compiled afresh.
    await asOwner(async (app) => {
      await app.query('SET ROLE securepath_app');
      await app.query(`CREATE FUNCTION pg_temp.as_whom(v pg_catalog.text) RETURNS boolean LANGUAGE plpgsql AS $$
        BEGIN IF current_user <> 'securepath_app' THEN RAISE EXCEPTION 'ran as %', current_user; END IF; RETURN true; END $$`);
      await app.query('CREATE DOMAIN pg_temp.text AS pg_catalog.text CHECK (pg_temp.as_whom(VALUE))');
      await app.query("INSERT INTO public.audit_event (username, role, record_type, action, basis) VALUES ('typed', 'bed-manager', 'patient', 'read', 'role')");
    });
    expect(await t.db.selectFrom('audit_event').select('seq').where('username', '=', 'typed').execute()).toHaveLength(1);
    expect((await privacy.get('/api/audit/verify')).json()).toMatchObject({ ok: true, headMatches: true, breaks: [] });
  });

  it('cannot take the chain’s lock as the application by the lock table’s name, its number or the old advisory key', async () => {
    // Each way of holding a lock that conflicted with the chain's, in an idle session of the
    // application's role, while a record is read: the read must still be answered. (Holding the
    // lock by appending, which every writer does until it commits, is bounded by the idle limit below.)
    const readWhile = async (hold: (app: pg.Client) => Promise<unknown>) =>
      asOwner(async (app) => {
        await app.query('SET ROLE securepath_app');
        await hold(app);
        const read = bm.get(`/api/patients/${patient.id}`);
        const outcome = await Promise.race([read.then((r) => r.statusCode), new Promise((resolve) => setTimeout(() => resolve('still waiting after 5 s'), 5000))]);
        await app.query('ROLLBACK').catch(() => undefined); // lets a read that waited finish
        await read;
        return outcome;
      });
    const code = (app: pg.Client, statement: string) => app.query(statement).then(() => 'done', (err: { code?: string }) => err.code);
    // By name, even while only parsing a statement it may not run (PostgreSQL locks a table it parses
    // before checking table rights, and a prepared statement keeps that lock): the schema is refused first.
    expect(
      await readWhile(async (app) => {
        await app.query('BEGIN');
        expect(await code(app, 'PREPARE hold AS SELECT 1 FROM audit_private.chain_lock FOR UPDATE')).toBe('42501');
        await app.query('ROLLBACK');
        await app.query('BEGIN');
        expect(await code(app, 'LOCK TABLE audit_private.chain_lock IN ROW SHARE MODE')).toBe('42501');
      }),
    ).toBe(200);
    // By number: a sequence function locks the table (ROW EXCLUSIVE) before finding it is no sequence,
    // and keeps the lock when the error is caught.
    expect(
      await readWhile(async (app) => {
        await app.query('BEGIN');
        await app.query('SAVEPOINT s');
        const tried = await code(app, "SELECT nextval(c.oid::regclass) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'audit_private' AND c.relname = 'chain_lock'");
        expect(tried).toBe('42809'); // wrong_object_type: not a sequence
        await app.query('ROLLBACK TO SAVEPOINT s');
      }),
    ).toBe(200);
    // The advisory lock the chain took before 0017.
    expect(await readWhile((app) => app.query("SELECT pg_advisory_lock(hashtext('securepath.audit_chain'), 0)"))).toBe(200);
    expect((await privacy.get('/api/audit/verify')).json()).toMatchObject({ ok: true, headMatches: true, breaks: [] });
  });

  it('cannot call the functions that run with the owner’s rights from a trigger of the application’s own', async () => {
    // Attached to a temporary table, they would take the chain's lock without touching the trail, or
    // move the audit head with the owner's rights (a statement whose "events" pass the head's checks).
    const refused = await asOwner(async (app) => {
      await app.query('SET ROLE securepath_app');
      await app.query('CREATE TEMPORARY TABLE mine (seq bigint, prev_hash text, hash text)');
      const codes: Record<string, string | undefined> = {};
      for (const [fn, timing] of [
        ['audit_chain_tail', 'BEFORE INSERT ON pg_temp.mine'],
        ['audit_head_advance', 'AFTER INSERT ON pg_temp.mine REFERENCING NEW TABLE AS added'],
        ['new_ward_directory_version', 'AFTER INSERT ON pg_temp.mine'],
      ] as const) {
        codes[fn] = await app.query(`CREATE TRIGGER by_${fn} ${timing} FOR EACH STATEMENT EXECUTE FUNCTION public.${fn}()`).then(
          () => 'created',
          (err: { code?: string }) => err.code,
        );
      }
      codes.audit_event_chain = await app
        .query('CREATE TRIGGER by_chain BEFORE INSERT ON pg_temp.mine FOR EACH ROW EXECUTE FUNCTION public.audit_event_chain()')
        .then(() => 'created', (err: { code?: string }) => err.code);
      return codes;
    });
    expect(refused).toEqual({ audit_chain_tail: '42501', audit_head_advance: '42501', new_ward_directory_version: '42501', audit_event_chain: '42501' });
    // Their own triggers still fire: the application's reads are audited and chained.
    expect((await bm.get(`/api/patients/${patient.id}`)).statusCode).toBe(200);
    expect((await privacy.get('/api/audit/verify')).json()).toMatchObject({ ok: true, headMatches: true, breaks: [] });
  });

  it('lets a transaction that holds the chain’s lock sit idle for 30 s at most, unless a limit is already set', async () => {
    const limits = await asOwner(async (app) => {
      await app.query('SET ROLE securepath_app');
      const limit = async () => (await app.query('SHOW idle_in_transaction_session_timeout')).rows[0].idle_in_transaction_session_timeout as string;
      const append = () => app.query("INSERT INTO audit_event (username, role, record_type, action, basis) VALUES ('idle', 'bed-manager', 'patient', 'read', 'role')");
      await app.query('BEGIN');
      const before = await limit();
      await append();
      const holding = await limit();
      await app.query('COMMIT');
      const after = await limit();
      await app.query('BEGIN');
      await app.query("SET LOCAL idle_in_transaction_session_timeout = '5s'");
      await append();
      const ownLimit = await limit();
      await app.query('COMMIT');
      return { before, holding, after, ownLimit };
    });
    expect(limits).toEqual({ before: '0', holding: '30s', after: '0', ownLimit: '5s' });
  });

  it('chains every event onto the one before across statements, a rolled-back savepoint and two INSERTs in one statement, under the chain’s lock', async () => {
    const event = (n: string) => sql`(${n}, 'bed-manager', 'patient', 'read', 'role')`;
    const othersMayAppend = chainLockFree;
    const { inserted, lockedWhileOpen } = await t.db.transaction().execute(async (trx) => {
      await sql`INSERT INTO audit_event (username, role, record_type, action, basis) VALUES ${sql.join([event('bed-manager'), event('bed-manager')])}`.execute(trx);
      // Another writer must wait for this transaction: events are numbered in one order.
      const lockedWhileOpen = !(await othersMayAppend());
      await sql`SAVEPOINT s`.execute(trx);
      await sql`INSERT INTO audit_event (username, role, record_type, action, basis) VALUES ${event('rolled back')}`.execute(trx);
      await sql`ROLLBACK TO SAVEPOINT s`.execute(trx);
      await sql`WITH a AS (INSERT INTO audit_event (username, role, record_type, action, basis) VALUES ${event('first')} RETURNING seq)
        INSERT INTO audit_event (username, role, record_type, action, basis) SELECT 'second', 'bed-manager', 'patient', 'read', 'role' FROM a`.execute(trx);
      const rows = (await sql<{ username: string }>`SELECT username FROM audit_event ORDER BY seq DESC LIMIT 4`.execute(trx)).rows;
      return { inserted: rows.map((r) => r.username), lockedWhileOpen };
    });
    expect(lockedWhileOpen).toBe(true);
    expect(await othersMayAppend()).toBe(true);
    expect(inserted).toEqual(['second', 'first', 'bed-manager', 'bed-manager']);
    expect((await privacy.get('/api/audit/verify')).json()).toMatchObject({ ok: true, headMatches: true, breaks: [] });
  });

  it('dates every event itself: a time the application gives is not kept', async () => {
    await sql`INSERT INTO audit_event (username, role, record_type, action, basis, at) VALUES ('backdater', 'bed-manager', 'patient', 'read', 'role', '2001-01-01T00:00:00Z')`.execute(t.db);
    const { at } = await t.db.selectFrom('audit_event').select('at').where('username', '=', 'backdater').executeTakeFirstOrThrow();
    expect(Math.abs(new Date(at).getTime() - Date.now())).toBeLessThan(60_000);
    expect((await privacy.get('/api/audit/verify')).json()).toMatchObject({ ok: true, headMatches: true });
  });

  it('cannot be made to link an event to the wrong predecessor through the chain’s transaction-local note', async () => {
    // The note of the chain's tail is a setting the application's role can write, even while its own
    // INSERT runs (here, from the INSERT's SELECT, before its first event or between two). Whatever the
    // note says, the statement is refused unless its events follow the trail one after another, each
    // linked to the one before; a note that is not one at all is ignored. Nothing refused is kept.
    const tail = await t.db.selectFrom('audit_event').select(['seq', 'hash']).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    const older = await t.db.selectFrom('audit_event').select(['seq', 'hash']).orderBy('seq', 'desc').offset(3).limit(1).executeTakeFirstOrThrow();
    const forgeFirst = (note: string) =>
      sql`INSERT INTO audit_event (username, role, record_type, action, basis)
        SELECT 'forger', 'bed-manager', 'patient', 'read', 'role' FROM (SELECT pg_catalog.set_config('securepath.audit_tail', ${note}, true)) x`;
    const forgeSecond = (note: RawBuilder<string>) =>
      sql`INSERT INTO audit_event (username, role, record_type, action, basis)
        SELECT 'forger', 'bed-manager', 'patient', 'read', 'role' FROM generate_series(1, 2) g
          CROSS JOIN LATERAL (SELECT CASE WHEN g = 2 THEN pg_catalog.set_config('securepath.audit_tail', ${note}, true) END) x`;
    const after = Number(tail.seq) + 1;
    const attempts = [
      forgeFirst(`${older.seq}:${'f'.repeat(64)}`),
      forgeFirst('99999999:' + 'a'.repeat(64)),
      forgeFirst(`${older.seq}:${older.hash}`),
      forgeFirst('not a note'),
      // By now the tail is the event the not-a-note attempt wrote (number `after`): in each of these
      // the first event is numbered after + 1, and the note is forged before the second.
      forgeSecond(sql`${`${after + 1}:${'f'.repeat(64)}`}`),
      forgeSecond(sql`${`${after + 6}:${'a'.repeat(64)}`}`),
      // The first event's own hash, read from the note, under a number five further on.
      forgeSecond(sql`(split_part(current_setting('securepath.audit_tail'), ':', 1)::bigint + 5) || ':' || split_part(current_setting('securepath.audit_tail'), ':', 2)`),
      forgeSecond(sql`${`${after}:${tail.hash}`}`),
    ];
    const outcomes: string[] = [];
    for (const attempt of attempts) {
      outcomes.push(await t.db.transaction().execute((trx) => attempt.execute(trx)).then(() => 'written', (e: { code?: string }) => `refused ${e.code}`));
    }
    expect(outcomes).toEqual(['refused 23505', 'refused 23000', 'refused 23505', 'written', 'refused 23000', 'refused 23000', 'refused 23000', 'refused 23505']);
    const forged = await t.db.selectFrom('audit_event').select('seq').where('username', '=', 'forger').execute();
    expect(forged.map((e) => Number(e.seq))).toEqual([after]);
    expect((await privacy.get('/api/audit/verify')).json()).toMatchObject({ ok: true, headMatches: true, breaks: [] });
  });

  it('follows the real last event when the head was moved behind it, and brings the head back', async () => {
    // Only the database owner can move the head (the application's role may not write it). The next
    // statement must not trust it: it finds the last event itself, chains onto it and moves the head.
    await asOwner((owner) => owner.query('UPDATE audit_head h SET last_seq = e.seq, last_hash = e.hash FROM (SELECT seq, hash FROM audit_event ORDER BY seq DESC OFFSET 2 LIMIT 1) e'));
    expect((await privacy.get('/api/audit/verify')).json()).toMatchObject({ ok: false, headMatches: false });
    expect((await bm.get(`/api/patients/${patient.id}`)).statusCode).toBe(200);
    expect((await privacy.get('/api/audit/verify')).json()).toMatchObject({ ok: true, headMatches: true, breaks: [] });
  });

  it('detects an event altered or removed behind the application’s back', async () => {
    // Only the database owner, switching the guard trigger off, could do this; verify still finds it.
    await asOwner(async (owner) => {
      await owner.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_immutable');
      await owner.query("UPDATE audit_event SET username = 'tampered' WHERE seq = 2");
      await owner.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_immutable');
    });
    const v = (await privacy.get('/api/audit/verify')).json();
    expect(v.ok).toBe(false);
    expect(v.breaks[0]).toMatchObject({ seq: '2', problem: 'fields do not match the hash' });
  });
});

/** Whether a writer could take the audit chain's lock now (the owner, trying without waiting). */
const chainLockFree = () =>
  asOwner((owner) =>
    owner.query('BEGIN; LOCK TABLE audit_private.chain_lock IN SHARE UPDATE EXCLUSIVE MODE NOWAIT; ROLLBACK').then(
      () => true,
      (err: { code?: string }) => {
        if (err.code === '55P03') return false; // lock_not_available
        throw err;
      },
    ),
  );

/** Work on a new session of the database's owner: nothing compiled or cached in it yet. */
async function asOwner<T>(work: (owner: pg.Client) => Promise<T>): Promise<T> {
  return withClient(await ownerUrlOf(t.db), work);
}
