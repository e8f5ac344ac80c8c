/** PDF dates (ISO 32000-2, 7.9.4): `D:YYYYMMDDHHmmSSOHH'mm'`, every part after the year optional. */

const PDF_DATE = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(?:(\d{2})'?(?:(\d{2})'?)?)?)?\s*$/;

/** Parses a PDF date to an instant; null when the text is not a valid date. */
export function parsePdfDate(text: string): Date | null {
  const m = PDF_DATE.exec(text.trim());
  if (!m) return null;
  const part = (i: number, fallback: number): number => (m[i] === undefined ? fallback : Number(m[i]));
  const year = part(1, 0);
  const month = part(2, 1);
  const day = part(3, 1);
  const hour = part(4, 0);
  const minute = part(5, 0);
  const second = part(6, 0);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  const sign = m[7];
  if (sign === '+' || sign === '-') {
    const oh = part(8, 0);
    const om = part(9, 0);
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (sign === '-' ? -1 : 1) * (oh * 60 + om);
  }
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  // A real date survives the round trip (Date rolls 31 February over into March).
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return null;
  date.setUTCHours(hour, minute, second, 0);
  return new Date(date.getTime() - offsetMinutes * 60_000);
}

/** Formats an instant as a PDF date in UTC: `D:YYYYMMDDHHmmSS+00'00'`. */
export function formatPdfDate(date: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return (
    `D:${String(date.getUTCFullYear()).padStart(4, '0')}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}` +
    `${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}+00'00'`
  );
}
