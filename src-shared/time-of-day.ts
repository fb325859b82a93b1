/** A local time of day written `HH:MM` (24-hour clock, two digits each), as quiet hours use it. */
export const TIME_OF_DAY_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes since midnight of an `HH:MM` time, null when the text is not one. */
export function minutesOfDay(text: string): number | null {
  const match = TIME_OF_DAY_PATTERN.exec(text);
  if (match === null) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}
