import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { parseIfMatch, requireVersion } from './versioning.js';

describe('If-Match', () => {
  it('reads a bare, quoted or weak version', () => {
    expect(parseIfMatch('3')).toBe(3);
    expect(parseIfMatch('"3"')).toBe(3);
    expect(parseIfMatch('W/"12"')).toBe(12);
  });

  it('refuses what is not a version, and requires one for updates', () => {
    expect(parseIfMatch('*')).toBeNull();
    expect(parseIfMatch('"abc"')).toBeNull();
    expect(parseIfMatch(undefined)).toBeNull();
    expect(() => requireVersion(undefined)).toThrow(AppError);
    expect(() => requireVersion('x')).toThrowError(/If-Match/);
  });
});
