/**
 * Google Contacts, "Google CSV" export. Two generations of headers: the current one ("First Name",
 * "Organization Name", "Organization Title", "Labels") and the older one ("Given Name", "Family Name",
 * "Organization 1 - Name", "Group Membership"); both number their multi-valued columns
 * ("E-mail 1 - Value", "Phone 1 - Value", "Address 1 - Street"…). UTF-8, comma, CRLF.
 */
import { has, type FormatProfile } from './types.js';

/** System groups of Google ("* myContacts", "* starred") are no tags; other labels lose their star. */
const SYSTEM_LABELS = new Set(['mycontacts', 'starred']);

export const google: FormatProfile = {
  id: 'google',
  detect: (keys) =>
    keys.has('email1value') ||
    keys.has('phone1value') ||
    has(keys, 'organization1name') ||
    has(keys, 'fileas', 'organizationname'),
  headers: {
    firstName: ['First Name', 'Given Name'],
    lastName: ['Last Name', 'Family Name'],
    fullName: ['Name', 'File As', 'Nickname'],
    email: ['E-mail 1 - Value', 'E-mail 2 - Value'],
    phone: ['Phone 1 - Value', 'Phone 2 - Value'],
    companyName: ['Organization Name', 'Organization 1 - Name'],
    jobTitle: ['Organization Title', 'Organization 1 - Title'],
    address: ['Address 1 - Street', 'Address 1 - Formatted'],
    postalCode: ['Address 1 - Postal Code'],
    city: ['Address 1 - City'],
    country: ['Address 1 - Country'],
    tags: ['Labels', 'Group Membership'],
    notes: ['Notes'],
  },
  ignored: (key) =>
    /^(email|phone|address|website|relation|event|im|customfield|externalid)\d+(label|type)$/.test(key) ||
    /^(phonetic|yomi)/.test(key) ||
    /yomi/.test(key) ||
    key === 'photo' ||
    key === 'address1formatted',
  tag: (tag) => {
    const name = tag.replace(/^\*\s*/, '').trim();
    return SYSTEM_LABELS.has(name.toLowerCase()) || !name ? null : name;
  },
};
