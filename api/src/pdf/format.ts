/** French formatting for documents: amounts in euros, numbers, dates in Europe/Paris. */
const EUR = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
const NUMBER = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const PERCENT = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 2 });
const DATE = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const DATE_TIME = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** `1 234,56 €` as Intl fr-FR gives it: U+202F between thousands, U+00A0 before €. Amounts are in euros (not cents). */
export const formatEuros = (amount: number): string => EUR.format(amount);
/** `1 234,5` */
export const formatNumber = (value: number): string => NUMBER.format(value);
/** `20 %` from 0.2 */
export const formatPercent = (ratio: number): string => PERCENT.format(ratio);
/** `dd/mm/yyyy` of the day in Paris. */
export const formatDate = (date: Date | string): string => DATE.format(new Date(date));
/** `dd/mm/yyyy hh:mm` in Paris. */
export const formatDateTime = (date: Date | string): string => DATE_TIME.format(new Date(date)).replace(',', '');
