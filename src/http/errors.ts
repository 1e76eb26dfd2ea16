// One catalogue of every error the API can answer with: code → HTTP status and a message written for
// the person at the screen. The handler maps them to HTTP in one place; docs/errors.md lists the same
// codes and a test keeps the two in step.

export const ERROR_CATALOGUE = {
  bad_request: { status: 400, message: 'The request could not be read. Check it is well-formed JSON.' },
  validation_failed: { status: 400, message: 'Some of the details entered are not valid.' },
  unauthenticated: { status: 401, message: 'Please sign in.' },
  invalid_credentials: { status: 401, message: 'The user name or password is not right.' },
  oidc_failed: { status: 401, message: 'Signing in through your identity provider did not complete. Try again, or sign in with your SecurePath user name and password.' },
  oidc_no_account: { status: 401, message: 'Your identity provider signed you in, but there is no active SecurePath account with the user name it gave. Ask your administrator.' },
  oidc_identity_mismatch: { status: 401, message: 'Your identity provider signed you in as a different person from the one this SecurePath account belongs to. Ask your administrator.' },
  not_permitted: { status: 403, message: 'Your role does not allow this.' },
  password_change_required: { status: 403, message: 'Choose a new password before you continue: your password was set by an administrator.' },
  second_factor_required: { status: 403, message: 'Enter the code from your authenticator app to continue: this needs two-step sign-in.' },
  second_factor_not_set_up: { status: 403, message: 'Set up two-step sign-in with an authenticator app first (Account page).' },
  csrf_failed: { status: 403, message: 'This request was not sent from a SecurePath page. Reload the page and try again.' },
  not_found: { status: 404, message: 'Not found.' },
  duplicate: { status: 409, message: 'A record with these details already exists.' },
  ward_full: { status: 409, message: 'The ward has no free bed. Choose another ward or give an over-capacity reason.' },
  ward_mismatch: { status: 409, message: 'The ward does not fit this patient. Choose another ward or give a reason.' },
  ward_retired: { status: 409, message: 'That ward has been retired and cannot take admissions.' },
  ward_has_no_beds: { status: 409, message: 'Community teams and prisons hold no beds: choose a hospital ward.' },
  already_admitted: { status: 409, message: 'The patient is already admitted. Transfer them instead.' },
  not_admitted: { status: 409, message: 'The patient is not currently admitted.' },
  same_ward: { status: 409, message: 'The patient is already on that ward.' },
  placement_overlap: { status: 409, message: 'This would overlap another placement of the same patient.' },
  still_in_use: { status: 409, message: 'This record is still in use and cannot be retired.' },
  referral_already_open: { status: 409, message: 'This person already has an open referral to that panel. Open it instead of making another.' },
  referral_closed: { status: 409, message: 'This referral is closed (admitted, withdrawn or no longer needing hospital): nothing more can be recorded on it.' },
  referral_wrong_stage: { status: 409, message: 'That cannot be done at this stage of the referral.' },
  assessment_required: { status: 409, message: 'A panel decision needs a valid pre-admission assessment. Record one first.' },
  breach_reason_required: { status: 409, message: 'The transfer clock was breached: record the reason for the delay first.' },
  username_taken: { status: 409, message: 'That user name is taken. Choose another.' },
  self_change_refused: { status: 409, message: 'You cannot deactivate your own account, take away your own administrator role, or give yourself a role or a scope. Ask another administrator.' },
  short_notice_unexplained: { status: 422, message: 'A case conference with fewer than 3 working days of notice needs a reason for the short notice.' },
  wrong_current_password: { status: 422, message: 'Your current password is not right.' },
  second_factor_invalid: { status: 422, message: 'That code is not right, or has been used already. Enter the current code from your authenticator app.' },
  second_factor_already_set_up: { status: 409, message: 'Two-step sign-in is already set up for this account. An administrator can reset it.' },
  version_conflict: { status: 412, message: 'Someone else changed this record since you opened it. Review their changes, then save again.' },
  payload_too_large: { status: 413, message: 'The request is too large.' },
  unsupported_media_type: { status: 415, message: 'This kind of content is not accepted here.' },
  idempotency_key_reused: { status: 422, message: 'This Idempotency-Key was already used for a different request. Use a new key for a new request.' },
  csv_invalid: { status: 422, message: 'The file has rows that cannot be imported. Nothing was changed.' },
  invalid_nhs_number: { status: 422, message: 'The NHS number is not valid: its check digit does not match.' },
  invalid_chi_number: { status: 422, message: 'The CHI number is not valid.' },
  invalid_date: { status: 422, message: 'The date is not valid.' },
  date_in_future: { status: 422, message: 'The date cannot be in the future.' },
  date_out_of_order: { status: 422, message: 'The date must come after the start of the current placement.' },
  unknown_reference: { status: 422, message: 'A referenced record does not exist.' },
  constraint_violated: { status: 422, message: 'The change breaks a rule of the register.' },
  invalid_scope: { status: 422, message: 'A scope names a place that does not exist at its level, or has been retired.' },
  scope_role_not_held: { status: 422, message: 'A scope must be for a role the user holds.' },
  weak_password: { status: 422, message: 'The password is too easy to guess. Use at least 12 characters: three or more random words work well.' },
  calibration_insufficient_data: { status: 422, message: 'There is not enough history in this area and window to calibrate a model. Choose a longer window or a larger area.' },
  job_too_large: { status: 422, message: 'This planning run is larger than the server allows. Ask for fewer replications, years or variants.' },
  version_required: { status: 428, message: 'Send the version you are editing in the If-Match header.' },
  account_locked: { status: 429, message: 'Too many failed sign-in attempts. Try again later.' },
  too_many_jobs: { status: 429, message: 'You already have as many planning runs waiting or running as allowed. Wait for one to finish or cancel one.' },
  rate_limited: { status: 429, message: 'Too many requests. Slow down and try again shortly.' },
  internal: { status: 500, message: 'Something went wrong on our side. The error has been logged.' },
  unavailable: { status: 503, message: 'The service is starting or unavailable. Try again shortly.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export interface ErrorDetail {
  row?: number;
  field?: string;
  message: string;
}

/** A patient's record an error's answer carries (a 412's record as it now stands). */
export interface ShownRecord {
  patientId: number;
  recordType: string;
  recordId: number;
  /** On what the caller reached it; a relationship unless said. */
  basis?: 'relationship' | 'break_glass';
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorDetail[] | undefined;
  readonly current: unknown;
  /** Whose record `current` shows, when it is a patient's: the answer is a look at it, audited. */
  readonly shows: ShownRecord | undefined;

  constructor(code: ErrorCode, message?: string, extra: { details?: ErrorDetail[]; current?: unknown; shows?: ShownRecord } = {}) {
    super(message ?? ERROR_CATALOGUE[code].message);
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.details = extra.details;
    this.current = extra.current;
    this.shows = extra.shows;
  }
}

export const notFound = (what = 'Record') => new AppError('not_found', `${what} not found.`);
