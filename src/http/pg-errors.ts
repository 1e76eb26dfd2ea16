import { AppError } from './errors.js';

// PostgreSQL enforces the register's invariants; this turns a refused statement into the same error a
// person would have got from the service's own checks. Constraint names map to plain words.
const CONSTRAINT_MESSAGES: Record<string, string> = {
  placement_no_overlap: 'This would overlap another placement of the same patient.',
  placement_one_open: 'The patient already has an open placement.',
  patient_nhs_number_key: 'A patient with this NHS number is already registered.',
  patient_chi_number_key: 'A patient with this CHI number is already registered.',
  organisation_code_key: 'An organisation with this code already exists.',
  unit_code_key: 'A unit with this code already exists.',
  ward_code_key: 'A ward with this code already exists.',
  ward_closed_within_commissioned: 'Closed beds cannot be more than commissioned beds.',
  placement_ends_after_start: 'A placement must end after it starts.',
  patient_has_identifier: 'A patient needs an NHS number or a CHI number.',
  app_user_username_key: 'That user name is taken.',
  app_user_display_name_length: 'A name must be 2 to 120 characters.',
  user_scope_role_held: 'A scope must be for a role the user holds.',
  user_scope_place_exists: 'A scope names a place that does not exist at its level.',
  referral_open_to_unit: 'This person already has an open referral to that unit.',
  referral_open_to_region: "This person already has an open referral to that region's panel.",
  panel_decline_names_tier: 'A decline must name the tier recommended instead.',
  conference_short_notice_explained: 'A case conference with fewer than 3 working days of notice needs a reason.',
  referral_urgent_has_reason: 'Emergency and urgent referrals need the reason for their urgency.',
};

interface PgError {
  code?: string;
  constraint?: string;
}

export function mapPgError(err: unknown): AppError | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const { code, constraint } = err as PgError;
  const message = constraint ? CONSTRAINT_MESSAGES[constraint] : undefined;
  switch (code) {
    case '23505':
      if (constraint === 'referral_open_to_unit' || constraint === 'referral_open_to_region') return new AppError('referral_already_open', message);
      return new AppError(constraint === 'placement_one_open' ? 'already_admitted' : 'duplicate', message);
    case '23P01':
      return new AppError('placement_overlap', message);
    case '23514':
    case '23502':
      return new AppError('constraint_violated', message);
    case '23503':
      return new AppError('unknown_reference', message);
    case '22007':
    case '22008':
      return new AppError('invalid_date');
    default:
      return undefined;
  }
}
