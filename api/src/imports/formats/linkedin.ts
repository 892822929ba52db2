/**
 * LinkedIn connections export (Connections.csv): a "Notes:" preamble of a few lines (read past by
 * csv-source.ts), then "First Name,Last Name,URL,Email Address,Company,Position,Connected On".
 * UTF-8, comma.
 */
import type { FormatProfile } from './types.js';

export const linkedin: FormatProfile = {
  id: 'linkedin',
  detect: (keys) => keys.has('connectedon') && keys.has('position'),
  headers: {
    firstName: ['First Name'],
    lastName: ['Last Name'],
    email: ['Email Address'],
    companyName: ['Company'],
    jobTitle: ['Position'],
  },
};
