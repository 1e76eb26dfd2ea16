import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, newTotpSecret, otpauthUri, totpCode, totpStep } from './totp.js';

// RFC 4226 appendix D and RFC 6238 appendix B: the published test vectors every authenticator meets.
const RFC_SECRET = Buffer.from('12345678901234567890');
const RFC_SECRET_B32 = base32Encode(RFC_SECRET);

describe('one-time passwords', () => {
  it('matches the RFC 4226 HOTP test values', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, i) => hotp(RFC_SECRET, i))).toEqual(expected);
  });

  it('matches the RFC 6238 TOTP test values (SHA-1, 8 digits)', () => {
    const cases: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
    ];
    for (const [seconds, code] of cases) expect(hotp(RFC_SECRET, totpStep(new Date(seconds * 1000)), 8)).toBe(code);
  });

  it('round-trips base32 as authenticator apps write it', () => {
    expect(RFC_SECRET_B32).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq').equals(RFC_SECRET)).toBe(true);
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Encode(base32Decode(secret))).toBe(secret);
  });

  it('accepts the code of this step and one either side, and nothing further', () => {
    const at = new Date('2026-12-01T10:00:10Z');
    const step = totpStep(at);
    expect(matchTotp(RFC_SECRET_B32, totpCode(RFC_SECRET_B32, at), at, null)).toBe(step);
    expect(matchTotp(RFC_SECRET_B32, totpCode(RFC_SECRET_B32, new Date(at.getTime() - 30_000)), at, null)).toBe(step - 1);
    expect(matchTotp(RFC_SECRET_B32, totpCode(RFC_SECRET_B32, new Date(at.getTime() + 30_000)), at, null)).toBe(step + 1);
    expect(matchTotp(RFC_SECRET_B32, totpCode(RFC_SECRET_B32, new Date(at.getTime() - 60_000)), at, null)).toBeUndefined();
    expect(matchTotp(RFC_SECRET_B32, '12345', at, null)).toBeUndefined();
    expect(matchTotp(RFC_SECRET_B32, 'abcdef', at, null)).toBeUndefined();
  });

  it('refuses a code already used, so one seen over a shoulder cannot be replayed', () => {
    const at = new Date('2026-12-01T10:00:10Z');
    const code = totpCode(RFC_SECRET_B32, at);
    const used = matchTotp(RFC_SECRET_B32, code, at, null)!;
    expect(matchTotp(RFC_SECRET_B32, code, at, used)).toBeUndefined();
    expect(matchTotp(RFC_SECRET_B32, ` ${code.slice(0, 3)} ${code.slice(3)} `, at, null)).toBe(used);
  });

  it('writes the otpauth address authenticator apps read', () => {
    expect(otpauthUri('SecurePath', 'ward-clinician', 'ABC')).toBe('otpauth://totp/SecurePath%3Award-clinician?secret=ABC&issuer=SecurePath&algorithm=SHA1&digits=6&period=30');
  });
});
