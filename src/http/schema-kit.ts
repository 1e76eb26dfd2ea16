import { Type, type TSchema } from 'typebox';

/** A string restricted to one of the given codes; `enum` keeps validation messages readable. */
export function StringEnum<const T extends readonly string[]>(values: T, options: { description?: string } = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
export const IdParams = Type.Object({ id: Id });

/** ISO 8601 calendar date, e.g. 1984-03-21, with what the date means. */
export const IsoDateOf = (meaning?: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: meaning ? `Calendar date, YYYY-MM-DD: ${meaning}` : 'Calendar date, YYYY-MM-DD' });
export const IsoDate = IsoDateOf();
/** ISO 8601 instant with a time zone offset. */
export const IsoDateTime = Type.String({ format: 'date-time' });

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Optional(
        Type.Array(
          Type.Object({
            row: Type.Optional(Type.Integer()),
            field: Type.Optional(Type.String()),
            message: Type.String(),
          }),
        ),
      ),
      current: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'ErrorBody' },
);

/** `If-Match` carries the version the client last saw; required on every update. */
export const IfMatchHeaders = Type.Object({ 'if-match': Type.Optional(Type.String()) });
