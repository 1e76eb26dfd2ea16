// Reads untrusted parsed JSON field by field, collecting every problem with the path of the field at
// fault ("pools[2].beds.medium") so a person editing a scenario file can find each one.

export interface FieldError {
  path: string;
  message: string;
}

export interface NumberRules {
  integer?: boolean;
  min?: number;
  max?: number;
  exclusiveMin?: number;
}

const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? `"${v.slice(0, 40)}"` : typeof v);

export class FieldReader {
  readonly errors: FieldError[] = [];

  fail(path: string, message: string): void {
    this.errors.push({ path: path === '' ? '(root)' : path, message });
  }

  private bad(path: string, message: string): undefined {
    this.fail(path, message);
    return undefined;
  }

  /**
   * An object with only the `allowed` keys (null: any keys). Unknown keys are errors because a
   * misspelt field would otherwise be silently ignored. Required fields are reported missing by the
   * reader of each field (every reader refuses undefined), so each is reported once.
   */
  object(value: unknown, path: string, allowed: readonly string[] | null): Record<string, unknown> | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(path, value === undefined ? 'is required' : `must be an object, not ${describe(value)}`);
      return undefined;
    }
    const o = value as Record<string, unknown>;
    const at = (k: string) => (path === '' ? k : `${path}.${k}`);
    if (allowed) for (const k of Object.keys(o)) if (!allowed.includes(k)) this.fail(at(k), `is not a known field (expected one of ${allowed.join(', ')})`);
    return o;
  }

  array(value: unknown, path: string, minItems: number, maxItems: number): unknown[] | undefined {
    if (value === undefined) return this.bad(path, 'is required');
    if (!Array.isArray(value)) return this.bad(path, `must be an array, not ${describe(value)}`);
    if (value.length < minItems) return this.bad(path, `must have at least ${minItems} item${minItems === 1 ? '' : 's'}`);
    if (value.length > maxItems)
      return this.bad(path, `may have at most ${maxItems.toLocaleString('en-GB')} items; it has ${value.length.toLocaleString('en-GB')}`);
    return value;
  }

  number(value: unknown, path: string, rules: NumberRules = {}): number | undefined {
    if (value === undefined) return this.bad(path, 'is required');
    if (typeof value !== 'number' || !Number.isFinite(value)) return this.bad(path, `must be a number, not ${describe(value)}`);
    if (rules.integer && !Number.isInteger(value)) return this.bad(path, `must be a whole number, not ${value}`);
    if (rules.min !== undefined && value < rules.min)
      return this.bad(path, rules.min === 0 ? `must not be negative (got ${value})` : `must be at least ${rules.min} (got ${value})`);
    if (rules.exclusiveMin !== undefined && value <= rules.exclusiveMin) return this.bad(path, `must be greater than ${rules.exclusiveMin} (got ${value})`);
    if (rules.max !== undefined && value > rules.max) return this.bad(path, `must be at most ${rules.max} (got ${value})`);
    return value;
  }

  string(value: unknown, path: string, maxLength: number): string | undefined {
    if (value === undefined) return this.bad(path, 'is required');
    if (typeof value !== 'string') return this.bad(path, `must be a string, not ${describe(value)}`);
    if (value.length > maxLength) return this.bad(path, `may be at most ${maxLength} characters`);
    return value;
  }

  oneOf<const T extends string>(value: unknown, path: string, allowed: readonly T[]): T | undefined {
    if (value === undefined) return this.bad(path, 'is required');
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
      return this.bad(path, `must be one of ${allowed.join(', ')}, not ${describe(value)}`);
    return value as T;
  }
}
