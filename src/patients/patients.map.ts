import { wardInScopes } from '../access/access.rules.js';
import type { Caller } from '../http/caller.js';
import { can } from '../http/policy.js';
import { daysBetween } from '../placements/placements.rules.js';
import type { PatientRow, PlacementRow } from './patients.repo.js';
import type { PatientDetail, Placement } from './patients.schema.js';

export function toPlacement(r: PlacementRow, now: Date): Placement {
  return {
    id: r.id,
    wardId: r.ward_id,
    wardName: r.ward_name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    organisationName: r.organisation_name,
    sector: r.sector as Placement['sector'],
    regionName: r.region_name,
    tier: r.tier as Placement['tier'],
    securityLevel: r.security_level,
    specialism: r.specialism as Placement['specialism'],
    admittedAt: r.admitted_at.toISOString(),
    endedAt: r.ended_at ? r.ended_at.toISOString() : null,
    startKind: r.start_kind,
    source: r.source as Placement['source'],
    direction: r.direction,
    endReason: r.end_reason,
    destination: r.destination as Placement['destination'],
    overCapacityReason: r.over_capacity_reason,
    lengthOfStayDays: daysBetween(r.admitted_at, r.ended_at ?? now),
  };
}

/** Days since the start of the current unbroken run of placements (transfers do not restart it). */
function currentEpisodeDays(rows: readonly PlacementRow[], now: Date): number | null {
  const last = rows.at(-1);
  if (!last || last.ended_at) return null;
  let start = last.admitted_at;
  for (let i = rows.length - 2; i >= 0; i--) {
    const prev = rows[i]!;
    if (!prev.ended_at || prev.ended_at.getTime() !== start.getTime()) break;
    start = prev.admitted_at;
  }
  return daysBetween(start, now);
}

/**
 * Whether the reader may transfer or discharge the patient: only from the ward they are on now, and
 * only if that ward is in the reader's scope (seeing the record is not enough; see checkLeaving in
 * placements.service.ts, which decides). For what the web app offers.
 */
function mayMove(placements: readonly PlacementRow[], reader: Caller | undefined): boolean {
  const current = placements.at(-1);
  if (!reader || !current || current.ended_at || !can(reader.role, 'patients:write')) return false;
  return wardInScopes(reader.scopes ?? [], { wardId: current.ward_id, unitId: current.unit_id, organisationId: current.organisation_id, regionId: current.region_id, nationId: current.nation_id });
}

/**
 * A record as its reader sees it: what they may do next, and until when their emergency access
 * lasts if only that shows it to them (bannered). `reader` absent: read on no one's behalf.
 */
export function toPatientDetail(p: PatientRow, placements: readonly PlacementRow[], now: Date, reader?: Caller): PatientDetail {
  const mapped = placements.map((r) => toPlacement(r, now));
  const current = mapped.at(-1);
  const emergency = p.related ? null : p.break_glass_until;
  const detail: PatientDetail = {
    id: p.id,
    nhsNumber: p.nhs_number,
    chiNumber: p.chi_number,
    givenName: p.given_name,
    familyName: p.family_name,
    dateOfBirth: p.date_of_birth,
    sex: p.sex as PatientDetail['sex'],
    ethnicity: p.ethnicity as PatientDetail['ethnicity'],
    homeRegionId: p.home_region_id,
    homeRegionName: p.home_region_name,
    version: p.version,
    currentPlacement: current && current.endedAt === null ? current : null,
    currentEpisodeDays: currentEpisodeDays(placements, now),
    placements: mapped,
    mayMove: mayMove(placements, reader),
  };
  return emergency ? { ...detail, emergencyAccessUntil: emergency.toISOString() } : detail;
}
