/**
 * Wall-clock time in Europe/Paris, whatever the time zone of the browser or the server. Pure functions
 * on top of Intl, so that a date-time typed in a form ("14/10/2026 10:30") means 10:30 in Paris even on
 * a laptop set to another zone, and a day of the calendar is a Paris day.
 */
export const PARIS_TIME_ZONE = 'Europe/Paris';

/** Calendar fields of a wall-clock time; `month` is 1–12. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const partsFmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The wall-clock time in Paris at an instant. */
export function parisWallTime(at: Date | string | number): WallTime & { second: number } {
  const date = at instanceof Date ? at : new Date(at);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(partsFmt.formatToParts(date).find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** Offset of Paris from UTC at an instant, in minutes (60 in winter, 120 in summer). */
function parisOffsetMinutes(at: number): number {
  const w = parisWallTime(at);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(at / 1000) * 1000) / 60_000);
}

/**
 * The instant at which Paris clocks show `wall`. A time skipped by the spring change (02:30 on the last
 * Sunday of March) lands one hour later; a time shown twice in autumn takes the first one.
 */
export function parisWallTimeToDate(wall: WallTime): Date {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  // The offsets in force a day before and a day after: at most one change lies in between.
  const before = naive - parisOffsetMinutes(naive - 86_400_000) * 60_000;
  const after = naive - parisOffsetMinutes(naive + 86_400_000) * 60_000;
  const shows = (t: number) => {
    const w = parisWallTime(t);
    return w.year === wall.year && w.month === wall.month && w.day === wall.day && w.hour === wall.hour && w.minute === wall.minute;
  };
  const valid = [before, after].filter(shows);
  return new Date(valid.length ? Math.min(...valid) : before);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The Paris day of an instant as `YYYY-MM-DD` (for grouping by day). */
export function parisDayKey(at: Date | string | number): string {
  const w = parisWallTime(at);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** Midnight (Paris) starting the day `YYYY-MM-DD`, shifted by `addDays`. */
export function parisStartOfDay(dayKey: string, addDays = 0): Date {
  const [y, m, d] = dayKey.split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(y, m - 1, d + addDays));
  return parisWallTimeToDate({
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: 0,
    minute: 0,
  });
}
