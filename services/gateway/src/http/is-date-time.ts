import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Whether the day exists (no 30 February). */
function isCalendarDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** An ISO 8601 date-time with an offset (RFC 3339) on a real calendar day (no 30 February). */
export function IsDateTime(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDateTime',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be an ISO 8601 date-time with an offset, e.g. 2026-03-14T09:05:00+07:00`, ...options },
      validator: {
        validate(value: unknown): boolean {
          if (typeof value !== 'string') return false;
          const m = RFC3339.exec(value);
          if (!m) return false;
          return isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
        },
      },
    });
}

/** A date (`YYYY-MM-DD`) that exists on the calendar. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a date YYYY-MM-DD, e.g. 2026-03-16`, ...options },
      validator: {
        validate(value: unknown): boolean {
          if (typeof value !== 'string') return false;
          const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
          if (!m) return false;
          return isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
        },
      },
    });
}
