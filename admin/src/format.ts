// How the back office prints the API's times: in the shop's time zone (Asia/Shanghai), the one
// its day filters and statistics count in, whatever the administrator's computer is set to.
const SHANGHAI = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "2026-12-05 11:03:09"; anything unreadable as it came. */
export function shanghaiTime(iso: string): string {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? iso : SHANGHAI.format(time);
}
