/**
 * The generic header synonyms, French and English: the specification's own format and files typed by
 * hand. Compared with `headerKey`, so case, accents, spaces and punctuation do not matter.
 */
import type { ContactStatus, ImportField } from '../../contracts/index.js';

export const GENERIC_HEADERS: Record<ImportField, string[]> = {
  firstName: ['prenom', 'prénom usuel', 'first name', 'firstname', 'given name', 'prénom du contact', 'contact first name'],
  lastName: ['nom', 'nom de famille', 'last name', 'lastname', 'surname', 'family name', 'nom du contact', 'contact last name'],
  fullName: ['nom complet', 'full name', 'fullname', 'name', 'display name', 'contact', 'contact name', 'prénom nom', 'nom prénom', 'person'],
  email: [
    'email', 'e-mail', 'mail', 'courriel', 'adresse e-mail', 'adresse email', 'adresse mail', 'adresse électronique',
    'e-mail address', 'email address', 'e-mail 1 - value', 'e-mail 1 - valeur', 'email 1', 'primary email', 'work email',
    'e-mail professionnel', 'email professionnel', 'business email',
  ],
  phone: [
    'telephone', 'téléphone', 'tel', 'tél', 'tél.', 'numéro de téléphone', 'téléphone mobile', 'mobile', 'portable',
    'téléphone portable', 'gsm', 'mobile phone', 'phone', 'phone number', 'business phone', 'téléphone professionnel',
    'téléphone bureau', 'work phone', 'phone 1 - value', 'téléphone 1 - valeur', 'cell', 'cell phone', 'primary phone',
  ],
  companyName: [
    'entreprise', 'société', 'societe', 'company', 'company name', 'organisation', 'organization', 'raison sociale',
    "nom de l'entreprise", 'nom entreprise', 'nom de la société', 'employeur', 'organization name', 'organization 1 - name',
    'organisation 1 - nom', 'account name', 'compte', 'structure',
  ],
  jobTitle: [
    'poste', 'fonction', 'job title', 'jobtitle', 'intitulé du poste', 'intitulé de poste', 'position',
    'organization title', 'organization 1 - title', 'organisation 1 - titre', 'rôle', 'role',
  ],
  siret: ['siret', 'n° siret', 'numéro siret', 'no siret', 'siret entreprise', 'siret de la société'],
  manager: ['gérant', 'gerant', 'dirigeant', 'représentant légal', 'gérant de la société', 'nom du gérant'],
  address: [
    'adresse', 'address', 'adresse postale', 'rue', 'street', 'street address', 'business street', 'rue (bureau)',
    'address 1 - street', 'adresse 1 - rue', 'adresse ligne 1', 'address line 1', 'mailing street',
  ],
  postalCode: [
    'code postal', 'cp', 'zip', 'zip code', 'postal code', 'postcode', 'business postal code', 'code postal (bureau)',
    'address 1 - postal code', 'adresse 1 - code postal', 'mailing zip/postal code',
  ],
  city: [
    'ville', 'city', 'commune', 'localité', 'business city', 'ville (bureau)', 'address 1 - city', 'adresse 1 - ville',
    'mailing city',
  ],
  country: [
    'pays', 'country', 'country/region', 'pays/région', 'business country/region', 'pays/région (bureau)',
    'address 1 - country', 'adresse 1 - pays', 'mailing country',
  ],
  status: ['statut', 'status', 'lifecycle stage', 'étape du cycle de vie', 'type de contact'],
  source: ['source', 'origine', 'lead source', 'source du lead', 'source du contact', 'canal', "canal d'acquisition"],
  tags: ['tags', 'tag', 'étiquettes', 'étiquette', 'labels', 'label', 'mots-clés', 'mots clés', 'catégories', 'categories', 'group membership'],
  notes: [
    'notes', 'note', 'remarques', 'remarque', 'commentaires', 'commentaire', 'comments', 'comment', 'observations',
    'remarks', 'mémo', 'memo',
  ],
};

/** Status words of any tool, French and English (`headerKey` of the value). */
export const GENERIC_STATUSES: Record<string, ContactStatus> = {
  lead: 'lead', leads: 'lead', piste: 'lead', nouveau: 'lead', new: 'lead', abonne: 'lead',
  prospect: 'prospect', prospects: 'prospect', qualifie: 'prospect', qualified: 'prospect', opportunite: 'prospect',
  opportunity: 'prospect',
  client: 'client', clients: 'client', cliente: 'client', customer: 'client', customers: 'client',
};
