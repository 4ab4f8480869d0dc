/** Time left on a task, for the countdown. */

/** Milliseconds from `now` to the ISO `deadline`, never negative; null when there is no (readable) deadline. */
export function millisLeft(deadline: string | undefined, now: number): number | null {
  if (!deadline) {
    return null;
  }
  const end = Date.parse(deadline);
  if (Number.isNaN(end)) {
    return null;
  }
  return Math.max(0, end - now);
}

/** mm:ss, rounding up so 0:00 means the time is really up; hours fold into minutes (e.g. 90:00). */
export function formatTimeLeft(millis: number): string {
  const seconds = Math.max(0, Math.ceil(millis / 1000));
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return `${String(minutes).padStart(2, '0')}:${String(rest).padStart(2, '0')}`;
}
