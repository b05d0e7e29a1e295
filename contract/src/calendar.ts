// The shop's calendar, shared by the API and the back office: its days are Asia/Shanghai days (the dashboard's "today", the rollups'
// dates). Asia/Shanghai has kept UTC+8 all year since 1991, so a fixed offset gives its day.
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The Asia/Shanghai date ("YYYY-MM-DD") of an instant. */
export function shanghaiDate(at = new Date()): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant an Asia/Shanghai date began. */
export function shanghaiMidnight(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

/** Today in Asia/Shanghai: its date and the instant it began. */
export function shanghaiToday(now = new Date()): { date: string; start: Date } {
  const date = shanghaiDate(now);
  return { date, start: shanghaiMidnight(date) };
}

/** `date` moved by `days` (negative: earlier), as "YYYY-MM-DD". */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `start` to `end`, both included (0 when end is before start). */
export function daysBetween(start: string, end: string): number {
  return Math.max(0, Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS) + 1);
}
