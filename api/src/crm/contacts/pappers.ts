/**
 * Client of Pappers' API v2, company record by SIREN: `GET <base>/entreprise?siren=…&api_token=…`
 * (https://www.pappers.fr/api/documentation). Answers 200 with the company (JSON), 400 for bad
 * parameters, 401 for a wrong key or no credits left, 404 for an unknown SIREN, 429 for too many
 * requests, 503 when the service is down. Only the fields the CRM uses are read, defensively: every
 * field of the answer is optional. Calls go through the connectors' HTTP client (retries on 429 and
 * 5xx, sync log); the connector itself is declared in connectors/definitions.ts.
 */
import { ConnectorHttpError, connectorFetch, type ConnectorResponse } from '../../connectors/http.js';
import type { Director } from '../../contracts/index.js';

/** The part of Pappers' company record the CRM reads (names as in Pappers' documentation). */
export interface PappersEntreprise {
  siren?: string;
  nom_entreprise?: string;
  denomination?: string;
  code_naf?: string;
  libelle_code_naf?: string;
  forme_juridique?: string;
  /** Headcount range in words: "Entre 10 et 19 salariés". */
  effectif?: string;
  effectif_min?: number;
  effectif_max?: number;
  /** INSEE headcount range code: "11" = 10 à 19 salariés. */
  tranche_effectif?: string;
  /** Revenue of the last published accounts (euros), when Pappers gives it at the top level. */
  chiffre_affaires?: number;
  siege?: { adresse_ligne_1?: string; adresse_ligne_2?: string; code_postal?: string; ville?: string };
  finances?: { annee?: number; chiffre_affaires?: number | null; resultat?: number | null; effectif?: number | null }[];
  representants?: {
    qualite?: string;
    nom_complet?: string;
    nom?: string;
    prenom?: string;
    denomination?: string;
    personne_morale?: boolean;
    actuel?: boolean;
  }[];
}

/** What the CRM keeps of a company record. */
export interface RegistryCompany {
  name?: string;
  address?: string;
  postalCode?: string;
  city?: string;
  nafCode?: string;
  nafLabel?: string;
  headcount?: string;
  headcountMin?: number;
  revenue?: number;
  revenueYear?: number;
  legalForm?: string;
  directors: Director[];
  /** The gérant: the first current representative whose qualité is gérant or président. */
  manager?: string;
}

export type PappersErrorKind = 'not_found' | 'unauthorized' | 'quota' | 'timeout' | 'unavailable' | 'invalid';

/** A failed call, with a French message for the person who asked for the enrichment. */
export class PappersError extends Error {
  constructor(
    public kind: PappersErrorKind,
    message: string,
    public upstreamStatus?: number,
  ) {
    super(message);
  }
}

/** INSEE headcount ranges (tranche_effectif), for records that give only the code. */
const HEADCOUNT_RANGES: Record<string, string> = {
  NN: 'Non employeuse',
  '00': '0 salarié',
  '01': '1 ou 2 salariés',
  '02': '3 à 5 salariés',
  '03': '6 à 9 salariés',
  '11': '10 à 19 salariés',
  '12': '20 à 49 salariés',
  '21': '50 à 99 salariés',
  '22': '100 à 199 salariés',
  '31': '200 à 249 salariés',
  '32': '250 à 499 salariés',
  '41': '500 à 999 salariés',
  '42': '1 000 à 1 999 salariés',
  '51': '2 000 à 4 999 salariés',
  '52': '5 000 à 9 999 salariés',
  '53': '10 000 salariés et plus',
};

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const GERANT = /g[ée]rant|pr[ée]sident/i;

function directorName(r: NonNullable<PappersEntreprise['representants']>[number]): string | undefined {
  return text(r.nom_complet) ?? text([r.prenom, r.nom].filter(Boolean).join(' ')) ?? text(r.denomination);
}

/** Pappers' record → the CRM's fields. */
export function toRegistryCompany(p: PappersEntreprise): RegistryCompany {
  const finances = (Array.isArray(p.finances) ? p.finances : [])
    .filter((f) => num(f?.chiffre_affaires) !== undefined)
    .sort((a, b) => (num(b.annee) ?? 0) - (num(a.annee) ?? 0));
  const latest = finances[0];
  const topRevenue = num(p.chiffre_affaires);
  const reps = (Array.isArray(p.representants) ? p.representants : []).filter((r) => r && r.actuel !== false);
  const directors = reps
    .map((r) => ({ name: directorName(r), role: text(r.qualite) ?? 'Représentant' }))
    .filter((d): d is Director => !!d.name)
    .slice(0, 10);
  const gerant = reps.find((r) => GERANT.test(r.qualite ?? '') && directorName(r));
  const street = [text(p.siege?.adresse_ligne_1), text(p.siege?.adresse_ligne_2)].filter(Boolean).join(', ');
  return {
    name: text(p.nom_entreprise) ?? text(p.denomination),
    address: street || undefined,
    postalCode: text(p.siege?.code_postal),
    city: text(p.siege?.ville),
    nafCode: text(p.code_naf),
    nafLabel: text(p.libelle_code_naf),
    headcount: text(p.effectif) ?? (p.tranche_effectif ? HEADCOUNT_RANGES[p.tranche_effectif] : undefined),
    headcountMin: num(p.effectif_min),
    revenue: topRevenue ?? (latest ? num(latest.chiffre_affaires) : undefined),
    revenueYear: topRevenue === undefined && latest ? num(latest.annee) : undefined,
    legalForm: text(p.forme_juridique),
    directors,
    manager: gerant ? directorName(gerant) : undefined,
  };
}

export interface PappersClientOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
}

function upstreamMessage(res: ConnectorResponse): string {
  try {
    const body = res.json<{ message?: unknown; error?: unknown }>();
    return String(body.message ?? body.error ?? '');
  } catch {
    return '';
  }
}

/** The company record of a SIREN, from Pappers. Throws PappersError with a French message. */
export async function fetchPappersCompany(siren: string, opts: PappersClientOptions): Promise<PappersEntreprise> {
  const url = new URL(`${opts.baseUrl.replace(/\/+$/, '')}/entreprise`);
  url.searchParams.set('siren', siren);
  url.searchParams.set('api_token', opts.apiKey);
  let res: ConnectorResponse;
  try {
    res = await connectorFetch('pappers', {
      operation: `Fiche entreprise (SIREN ${siren})`,
      url,
      timeoutMs: opts.timeoutMs,
      // An unknown SIREN is an answer, not a failure of the connector.
      expectedStatuses: [404],
    });
  } catch (err) {
    if (err instanceof ConnectorHttpError && err.kind === 'timeout')
      throw new PappersError(
        'timeout',
        `Pappers n'a pas répondu à temps (${Math.round(opts.timeoutMs / 1000)} s). Réessayez dans un instant.`,
      );
    throw new PappersError('unavailable', 'Pappers est injoignable pour le moment. Réessayez plus tard.');
  }
  if (res.ok) {
    try {
      const body = res.json<unknown>();
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('not an object');
      return body as PappersEntreprise;
    } catch {
      throw new PappersError('invalid', 'Pappers a renvoyé une réponse illisible.', res.status);
    }
  }
  const message = upstreamMessage(res);
  switch (res.status) {
    case 404:
      throw new PappersError('not_found', `Aucune entreprise n'est connue de Pappers sous le SIREN ${siren}.`, 404);
    case 401:
    case 403:
      // Pappers answers 401 both for a wrong key and for an exhausted credit balance.
      if (/cr[ée]dit/i.test(message))
        throw new PappersError(
          'quota',
          'Le crédit de requêtes Pappers est épuisé : rechargez-le sur votre compte Pappers.',
          res.status,
        );
      throw new PappersError(
        'unauthorized',
        'La clé API Pappers est refusée : un administrateur doit la vérifier (Administration → Intégrations).',
        res.status,
      );
    case 429:
      throw new PappersError('quota', 'Quota de requêtes Pappers atteint : réessayez dans quelques minutes.', 429);
    case 400:
      throw new PappersError('invalid', `Pappers refuse ce SIREN (${siren}).`, 400);
    default:
      throw new PappersError(
        'unavailable',
        `Pappers est indisponible pour le moment (erreur ${res.status}). Réessayez plus tard.`,
        res.status,
      );
  }
}
