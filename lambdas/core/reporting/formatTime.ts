/**
 * A moment as a person at the brand reads it, in the tenant's time zone: "27 Nov 2026, 19:19 CET". Falls back to
 * UTC for a zone the runtime does not know (the tenant config is checked at the edge, so only old reports).
 */
export const formatReportTime = (iso: string, timeZone = 'UTC'): string => {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const zone = knownZone(timeZone);
  const day = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: zone,
  })
    .format(date)
    .replace(' at ', ', ');
  return `${day} ${zoneName(date, zone)}`;
};

const knownZone = (timeZone: string): string => {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
};

/** The zone's short name as its people write it: CET from British English, EST from American ("GMT-5" else). */
const zoneName = (date: Date, timeZone: string): string => {
  const nameIn = (locale: string) =>
    new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
      .formatToParts(date)
      .find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
  const british = nameIn('en-GB');
  return british.startsWith('GMT') && timeZone !== 'UTC' ? nameIn('en-US') : british;
};

/** How long a run took, to the second under an hour: "45 s", "2 min 13 s", "1 h 05 min". */
export const formatDuration = (ms: number): string => {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
};
