/**
 * Pipedrive people export. From the list view the headers are prefixed with the entity
 * ("Person - Name", "Person - Email - Work", "Person - Organization"); the person's label ("Customer",
 * "Hot lead", "Warm lead", "Cold lead") becomes the status. UTF-8, comma.
 */
import type { FormatProfile } from './types.js';

export const pipedrive: FormatProfile = {
  id: 'pipedrive',
  detect: (keys) =>
    keys.has('personname') || keys.has('personorganization') || (keys.has('label') && keys.has('opendeals')),
  headers: {
    firstName: ['Person - First name', 'First name'],
    lastName: ['Person - Last name', 'Last name'],
    fullName: ['Person - Name', 'Name'],
    email: [
      'Person - Email - Work',
      'Person - Email',
      'Person - Email - Home',
      'Person - Email - Other',
      'Email - Work',
      'Email',
    ],
    phone: [
      'Person - Phone - Work',
      'Person - Phone - Mobile',
      'Person - Phone',
      'Phone - Work',
      'Phone - Mobile',
      'Phone',
    ],
    companyName: ['Person - Organization', 'Organization'],
    jobTitle: ['Person - Job title', 'Job title'],
    address: ['Person - Postal address', 'Postal address'],
    status: ['Person - Label', 'Label'],
    tags: ['Person - Labels', 'Labels'],
    notes: ['Person - Notes', 'Notes'],
  },
  ignored: (key) => /^(person)?(id|opendeals|closeddeals|wondeals|lostdeals|activitiestodo|doneactivities)$/.test(key),
  statuses: {
    customer: 'client',
    client: 'client',
    hotlead: 'prospect',
    warmlead: 'lead',
    coldlead: 'lead',
  },
};
