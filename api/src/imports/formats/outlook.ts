/**
 * Outlook and Microsoft 365 (Outlook.com, new Outlook, Outlook for Windows) CSV export. Its "Title"
 * is the civility ("M.", "Mme"), not the job ("Job Title"), and "Manager's Name" is the person's
 * manager, not the company's legal manager. Outlook.com writes UTF-8 with a BOM and CRLF; Outlook
 * for Windows writes the code page of Windows (Windows-1252 in France), every value quoted.
 */
import { has, type FormatProfile } from './types.js';

export const outlook: FormatProfile = {
  id: 'outlook',
  detect: (keys) =>
    keys.has('emailaddress') &&
    (keys.has('businessphone') || keys.has('mobilephone') || keys.has('businessstreet') || has(keys, 'email2address')),
  headers: {
    firstName: ['First Name'],
    lastName: ['Last Name'],
    email: ['E-mail Address', 'E-mail 2 Address'],
    phone: ['Business Phone', 'Mobile Phone', 'Primary Phone', 'Home Phone', 'Company Main Phone'],
    companyName: ['Company'],
    jobTitle: ['Job Title'],
    address: ['Business Street', 'Home Street'],
    postalCode: ['Business Postal Code', 'Home Postal Code'],
    city: ['Business City', 'Home City'],
    country: ['Business Country/Region', 'Home Country/Region'],
    tags: ['Categories'],
    notes: ['Notes'],
  },
  notGeneric: ['Title'],
  ignored: (key) =>
    /yomi$/.test(key) ||
    /^email\d?(type|displayname)$/.test(key) ||
    key === 'priority' ||
    key === 'sensitivity' ||
    key === 'private' ||
    key === 'gender',
};
