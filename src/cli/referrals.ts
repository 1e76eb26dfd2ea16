import { InvalidArgumentError, type Command } from 'commander';
import { buildServices } from '../app.js';
import { loadConfig } from '../config.js';
import type { OpenDatabase } from '../db/open.js';
import type { Caller } from '../http/caller.js';
import { conferenceNotice } from '../referrals/calendars.js';
import { CALENDARS, type Calendar } from '../shared/referral-vocabulary.js';
import { formatTable } from './format.js';

// `securepath referrals measures` and `securepath referrals notice`: transfer measures for reports,
// and the working-day notice of a case conference (no database needed), from a terminal. The operator sees measures with
// small numbers withheld, as any role without access to named referrals does.

interface Helpers {
  withDatabase<T>(fn: (d: OpenDatabase) => Promise<T>): Promise<T>;
  operator: Caller;
}

const date = (name: string) => (v: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw new InvalidArgumentError(`${name} must be a date, YYYY-MM-DD`);
  return v;
};
const calendar = (v: string): Calendar => {
  if (!(CALENDARS as readonly string[]).includes(v)) throw new InvalidArgumentError(`must be one of ${CALENDARS.join(', ')}`);
  return v as Calendar;
};
const show = (n: number | null) => (n === null ? 'withheld' : String(n));

export function registerReferralCommands(program: Command, helpers: Helpers): void {
  const referrals = program.command('referrals').description('Referrals and prison transfers');
  referrals
    .command('measures')
    .description('Days to admission, % admitted within 14 days and assessments per referral, by region, provider or nation')
    .option('--group-by <level>', 'region, provider or nation', 'region')
    .option('--from <date>', 'first day of the period (default: 12 months ago)', date('--from'))
    .option('--to <date>', 'last day of the period (default: today)', date('--to'))
    .option('--prison-only', 'only prison transfers (s47/49, s48/49)')
    .option('--json', 'print JSON')
    .action((o: { groupBy: string; from?: string; to?: string; prisonOnly?: boolean; json?: boolean }) =>
      helpers.withDatabase(async ({ db }) => {
        if (!['region', 'provider', 'nation'].includes(o.groupBy)) throw new InvalidArgumentError('--group-by must be region, provider or nation');
        const m = await buildServices(db, loadConfig()).referrals.measures.measures(helpers.operator, {
          groupBy: o.groupBy as 'region',
          from: o.from,
          to: o.to,
          prisonOnly: o.prisonOnly,
        });
        if (o.json) return console.log(JSON.stringify(m, null, 2));
        console.log(`Transfers received ${m.from} to ${m.to}${m.disclosureControlled ? ' (counts rounded to 5; 1–7 withheld)' : ''}`);
        console.log(
          formatTable(
            [m.groupBy, 'referrals', 'admitted', 'median days', '90th pct days', '% within 14 days', 'assessments / referral'],
            m.groups.map((g) => [g.name, show(g.totals.referrals), show(g.totals.admitted), show(g.totals.medianDaysToAdmission), show(g.totals.p90DaysToAdmission), show(g.totals.percentWithin14), show(g.totals.assessmentsPerReferral)]),
          ),
        );
      }),
    );
  referrals
    .command('notice')
    .description("Working days of notice between two dates for a case conference (3 are expected)")
    .requiredOption('--calendar <calendar>', CALENDARS.join(' or '), calendar)
    .requiredOption('--from <date>', 'the day notice is given', date('--from'))
    .requiredOption('--to <date>', 'the day of the conference', date('--to'))
    .option('--json', 'print JSON')
    .action((o: { calendar: Calendar; from: string; to: string; json?: boolean }) =>
    {
      const n = conferenceNotice(o.calendar, o.from, o.to);
      if (o.json) return console.log(JSON.stringify(n, null, 2));
      console.log(`${n.workingDays} clear working day${n.workingDays === 1 ? '' : 's'} of notice (${n.enough ? 'enough' : 'short: give a reason'}); earliest date with 3: ${n.earliestDate}`);
      if (n.bankHolidays.length > 0) console.log(`Bank holidays in between: ${n.bankHolidays.join(', ')}`);
    },
    );
}
