/**
 * HubSpot contacts export ("Record ID", "Lifecycle Stage", "Original Source", "Contact owner"…). The
 * lifecycle stages become the CRM's statuses, its source values French labels. UTF-8, comma.
 */
import type { FormatProfile } from './types.js';

export const hubspot: FormatProfile = {
  id: 'hubspot',
  detect: (keys) =>
    keys.has('recordid') && (keys.has('lifecyclestage') || keys.has('originalsource') || keys.has('contactowner')),
  headers: {
    firstName: ['First Name'],
    lastName: ['Last Name'],
    email: ['Email'],
    phone: ['Phone Number', 'Mobile Phone Number'],
    companyName: ['Company Name', 'Associated Company'],
    jobTitle: ['Job Title'],
    address: ['Street Address'],
    postalCode: ['Postal Code', 'Zip'],
    city: ['City'],
    country: ['Country/Region', 'Country'],
    status: ['Lifecycle Stage'],
    source: ['Original Source', 'Original Traffic Source'],
    notes: ['Notes'],
  },
  ignored: (key) => key === 'recordid',
  // Display names and internal values (marketingqualifiedlead) alike.
  statuses: {
    subscriber: 'lead',
    lead: 'lead',
    other: 'lead',
    marketingqualifiedlead: 'prospect',
    mql: 'prospect',
    salesqualifiedlead: 'prospect',
    sql: 'prospect',
    opportunity: 'prospect',
    customer: 'client',
    evangelist: 'client',
  },
  sources: {
    organicsearch: 'Recherche naturelle',
    paidsearch: 'Recherche payante',
    emailmarketing: 'E-mailing',
    socialmedia: 'Réseaux sociaux',
    organicsocial: 'Réseaux sociaux',
    paidsocial: 'Réseaux sociaux payants',
    referrals: 'Sites référents',
    othercampaigns: 'Autres campagnes',
    directtraffic: 'Accès direct',
    offlinesources: 'Hors ligne',
    offline: 'Hors ligne',
    airreferrals: 'Assistants IA',
    aireferrals: 'Assistants IA',
  },
};
