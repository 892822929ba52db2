/**
 * Positions of French addresses from their postal code and city, without any network call: the
 * communes and their positions ship with the API in geo-communes.json (INSEE Code officiel
 * géographique + GeoNames; regenerate with `npx tsx scripts/build-geo-data.ts`).
 */
import fs from 'node:fs';
import { departmentOfCommune, type GeoPrecision } from '../../contracts/index.js';

export interface GeoMatch {
  communeCode: string;
  communeName: string;
  department: string;
  lat: number;
  lng: number;
  precision: GeoPrecision;
}

type Row = [code: string, name: string, lat: number, lng: number, approx?: 1 | 2];
interface GeoData {
  communes: Row[];
  postalCodes: Record<string, number[]>;
  departmentSeats: Record<string, number>;
}
interface Index extends GeoData {
  folded: string[];
  byName: Map<string, number[]>;
}

let index: Index | undefined;
function load(): Index {
  if (index) return index;
  const data = JSON.parse(fs.readFileSync(new URL('./geo-communes.json', import.meta.url), 'utf8')) as GeoData;
  const folded = data.communes.map((c) => foldPlace(c[1]));
  const byName = new Map<string, number[]>();
  folded.forEach((name, i) => {
    const list = byName.get(name);
    if (list) list.push(i);
    else byName.set(name, [i]);
  });
  index = { ...data, folded, byName };
  return index;
}

/** Lower-case, accent-free, punctuation as spaces; "St"/"Ste" spelt out; "Cedex …" dropped. */
export function foldPlace(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/\bcedex\b.*$/, '')
    .trim()
    .replace(/\bst\b/g, 'saint')
    .replace(/\bste\b/g, 'sainte');
}

/** Department of a postal code: its first two digits, three overseas, Corsica split at 20200. */
export function departmentOfPostalCode(postalCode: string): string {
  if (/^9[78]/.test(postalCode)) return postalCode.slice(0, 3);
  if (postalCode.startsWith('20')) return Number(postalCode) < 20200 ? '2A' : '2B';
  return postalCode.slice(0, 2);
}

const PRECISION: Record<number, GeoPrecision> = { 0: 'commune', 1: 'approximate', 2: 'department' };

function toMatch(data: Index, i: number, precision?: GeoPrecision): GeoMatch {
  const [code, name, lat, lng, approx] = data.communes[i]!;
  return {
    communeCode: code,
    communeName: name,
    department: departmentOfCommune(code),
    lat,
    lng,
    precision: precision ?? PRECISION[approx ?? 0]!,
  };
}

/** Among candidate communes (most populous first), the one whose name is the city's, else the first. */
function pick(data: Index, candidates: number[], city: string): number | undefined {
  if (!city) return candidates[0];
  return (
    candidates.find((i) => data.folded[i] === city) ??
    // "Paris" for "Paris 8e Arrondissement", "Lyon 2" for "Lyon 2e Arrondissement".
    candidates.find(
      (i) =>
        data.folded[i]!.startsWith(`${city} `) || data.folded[i]!.replace(/(\d+)(er|e) arrondissement$/, '$1') === city,
    ) ??
    candidates[0]
  );
}

/**
 * The commune of a postal code and city and its position. Several communes share a postal code: the
 * one whose name matches the city wins, else the most populous. An unknown postal code (CEDEX, typo)
 * falls back to the city in its department, then to the department's chef-lieu (precision
 * "department"); no postal code, to the most populous commune of that name.
 */
export function locate(postalCode?: string | null, city?: string | null): GeoMatch | null {
  const data = load();
  const pc = postalCode?.trim() ?? '';
  const folded = city ? foldPlace(city) : '';
  if (/^\d{5}$/.test(pc)) {
    const candidates = data.postalCodes[pc];
    if (candidates?.length) return toMatch(data, pick(data, candidates, folded)!);
    const department = departmentOfPostalCode(pc);
    const named = (folded && data.byName.get(folded)) || [];
    const inDepartment = named.filter((i) => departmentOfCommune(data.communes[i]![0]) === department);
    if (inDepartment.length) return toMatch(data, inDepartment[0]!);
    const seat = data.departmentSeats[department];
    return seat === undefined ? null : toMatch(data, seat, 'department');
  }
  const named = folded ? data.byName.get(folded) : undefined;
  return named?.length ? toMatch(data, named[0]!) : null;
}
