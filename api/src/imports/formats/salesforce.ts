/**
 * Salesforce report exports ("Details only", CSV), of contacts ("Account Name", "Mailing Street"…)
 * and of leads ("Company / Account", "Lead Source", "Lead Status"). Salesforce's "Title" is the job;
 * its lead sources become French labels. UTF-8, comma, every value quoted, CRLF.
 */
import type { FormatProfile } from './types.js';

export const salesforce: FormatProfile = {
  id: 'salesforce',
  detect: (keys) =>
    (keys.has('accountname') && (keys.has('mailingstreet') || keys.has('mailingcity') || keys.has('contactowner'))) ||
    (keys.has('leadsource') && (keys.has('companyaccount') || keys.has('leadstatus') || keys.has('leadowner'))),
  headers: {
    firstName: ['First Name'],
    lastName: ['Last Name'],
    email: ['Email'],
    phone: ['Phone', 'Mobile', 'Mobile Phone'],
    companyName: ['Account Name', 'Company / Account', 'Company'],
    jobTitle: ['Title'],
    address: ['Mailing Street', 'Street'],
    postalCode: ['Mailing Zip/Postal Code', 'Zip/Postal Code'],
    city: ['Mailing City', 'City'],
    country: ['Mailing Country', 'Country'],
    source: ['Lead Source'],
    notes: ['Description'],
  },
  ignored: (key) => key === 'contactid' || key === 'leadid' || key === 'salutation',
  sources: {
    web: 'Site web',
    phoneinquiry: 'Appel entrant',
    partnerreferral: 'Recommandation partenaire',
    purchasedlist: 'Fichier acheté',
    other: 'Autre',
    advertisement: 'Publicité',
    employeereferral: 'Recommandation salarié',
    externalreferral: 'Recommandation externe',
    tradeshow: 'Salon',
    webinar: 'Webinaire',
    seminarinternal: 'Séminaire interne',
    seminarpartner: 'Séminaire partenaire',
  },
};
