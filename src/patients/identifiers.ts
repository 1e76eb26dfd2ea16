// NHS number (England, Wales, Isle of Man) and CHI number (Scotland) rules. Both end in a modulus-11
// check digit over the first nine digits weighted 10 down to 2.

/** Digits only: people type NHS numbers as "943 476 5919" or "943-476-5919". */
export const normaliseIdentifier = (raw: string) => raw.replace(/[\s-]/g, '');

/** The modulus-11 check digit for nine digits, or null where the number cannot be valid (remainder 1). */
export function mod11CheckDigit(nineDigits: string): number | null {
  if (!/^\d{9}$/.test(nineDigits)) return null;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nineDigits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

export function isValidNhsNumber(raw: string): boolean {
  const n = normaliseIdentifier(raw);
  if (!/^\d{10}$/.test(n)) return false;
  return mod11CheckDigit(n.slice(0, 9)) === Number(n[9]);
}

/**
 * A CHI number starts with the date of birth as DDMMYY and ends with a modulus-11 check digit;
 * when the date of birth is known the two must agree.
 */
export function isValidChiNumber(raw: string, dateOfBirth?: string): boolean {
  const n = normaliseIdentifier(raw);
  if (!/^\d{10}$/.test(n)) return false;
  const dd = Number(n.slice(0, 2));
  const mm = Number(n.slice(2, 4));
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return false;
  if (dateOfBirth) {
    const [y, m, d] = dateOfBirth.split('-');
    if (!y || n.slice(0, 6) !== `${d}${m}${y.slice(2)}`) return false;
  }
  return mod11CheckDigit(n.slice(0, 9)) === Number(n[9]);
}

/** Formats an NHS number as people read it: 943 476 5919. */
export const formatNhsNumber = (n: string) => `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;
