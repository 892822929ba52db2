/** The formatters live with the contracts, shared by the API (e-mails, PDF) and every front end. */
export {
  TIME_ZONE,
  formatCount,
  formatDate,
  formatDateTime,
  formatDayLong,
  formatDuration,
  formatEuros,
  formatNumber,
  formatPercent,
  formatTime,
  fullName,
} from '@digiweb/api/contracts';
