import type { OrganisationRow, UnitRow, WardRow } from './directory.repo.js';
import type { Organisation, Unit, Ward } from './directory.schema.js';

// Row → API type, one function each.

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toOrganisation = (r: OrganisationRow): Organisation => ({
  id: r.id,
  code: r.code,
  name: r.name,
  sector: r.sector as Organisation['sector'],
  regionId: r.region_id,
  retiredAt: iso(r.retired_at),
  version: r.version,
});

export const toUnit = (r: UnitRow): Unit => ({
  id: r.id,
  code: r.code,
  name: r.name,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  regionId: r.region_id,
  serviceType: r.service_type as Unit['serviceType'],
  commissioningLevel: r.commissioning_level as Unit['commissioningLevel'],
  retiredAt: iso(r.retired_at),
  version: r.version,
});

export const toWard = (r: WardRow): Ward => ({
  id: r.id,
  code: r.code,
  name: r.name,
  unitId: r.unit_id,
  unitName: r.unit_name,
  securityLevel: r.security_level,
  sex: r.sex as Ward['sex'],
  specialism: r.specialism as Ward['specialism'],
  commissionedBeds: r.commissioned_beds,
  closedBeds: r.closed_beds,
  retiredAt: iso(r.retired_at),
  version: r.version,
});
