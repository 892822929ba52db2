/**
 * Formatters: French locale, euros, dd/mm/yyyy, Europe/Paris. The only place that formats, shared by
 * the front ends (through shared-ui) and the API (e-mails, PDF documents).
 */
import { PARIS_TIME_ZONE } from './time.js';

export const TIME_ZONE = PARIS_TIME_ZONE;

const dateFmt = new Intl.DateTimeFormat('fr-FR', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const dateTimeFmt = new Intl.DateTimeFormat('fr-FR', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const timeFmt = new Intl.DateTimeFormat('fr-FR', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' });
const dayLongFmt = new Intl.DateTimeFormat('fr-FR', { timeZone: TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const euroFmt = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const euroCentsFmt = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const numberFmt = new Intl.NumberFormat('fr-FR');

const toDate = (v: string | number | Date) => (v instanceof Date ? v : new Date(v));

export const formatDate = (v: string | number | Date | null | undefined) => (v == null ? '—' : dateFmt.format(toDate(v)));
export const formatDateTime = (v: string | number | Date | null | undefined) =>
  v == null ? '—' : dateTimeFmt.format(toDate(v));
/** "14:30" in Paris. */
export const formatTime = (v: string | number | Date | null | undefined) => (v == null ? '—' : timeFmt.format(toDate(v)));
/** "mercredi 14 octobre 2026" in Paris. */
export const formatDayLong = (v: string | number | Date | null | undefined) => (v == null ? '—' : dayLongFmt.format(toDate(v)));
/** A duration in minutes: "45 min", "1 h", "1 h 30". */
export const formatDuration = (minutes: number | null | undefined) => {
  if (minutes == null) return '—';
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  if (!h) return `${m} min`;
  return m ? `${h} h ${String(m).padStart(2, '0')}` : `${h} h`;
};
export const formatEuros = (v: number | null | undefined, cents = false) =>
  v == null ? '—' : (cents ? euroCentsFmt : euroFmt).format(v);
export const formatNumber = (v: number | null | undefined) => (v == null ? '—' : numberFmt.format(v));
export const formatPercent = (v: number | null | undefined, digits = 0) =>
  v == null ? '—' : `${numberFmt.format(Number(v.toFixed(digits)))} %`;
export const fullName = (u: { firstName: string; lastName: string } | null | undefined) =>
  u ? `${u.firstName} ${u.lastName}` : '—';
/** A count and its noun, singular up to 1 as in French: "0 contact", "1 contact", "3 contacts". */
export const formatCount = (n: number, noun: string) => `${n} ${noun}${n > 1 ? 's' : ''}`;
