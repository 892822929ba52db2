/** The map's data and geometry: department outlines, region tints, clusters, donut arcs. */
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { CompanyMapPoint, ContactStatus } from '@digiweb/api/contracts';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import type { ClusterFeature, PointFeature } from 'supercluster';
import franceData from './france.geo.json';

export type Departments = FeatureCollection<MultiPolygon, { code: string; name: string; region: string }>;
export const france = franceData as unknown as Departments;

/** Regions told apart by a soft tint (no two neighbours alike). */
export const TINTS = ['#e6edf6', '#ecf2e4', '#f5eee3', '#eee8f5'];
export const REGION_TINT: Record<string, number> = {
  '32': 0,
  '28': 1,
  '11': 3,
  '44': 2,
  '53': 0,
  '52': 2,
  '24': 0,
  '27': 1,
  '75': 1,
  '84': 2,
  '76': 0,
  '93': 1,
  '94': 3,
};
/** Metropolitan France (with Corsica): points elsewhere are not drawn on this map. */
export const inMetropole = (p: CompanyMapPoint) => p.lng > -5.5 && p.lng < 10 && p.lat > 41 && p.lat < 51.5;

export const K_MAX = 64;
export const CLUSTER_RADIUS = 44;

export type Counts = Record<ContactStatus, number>;
export type Props = { id: string; name: string; status: ContactStatus };
export type Node = ClusterFeature<Counts> | PointFeature<Props>;
export const isCluster = (f: Node): f is ClusterFeature<Counts> =>
  'cluster' in f.properties && f.properties.cluster === true;

/** An SVG arc segment of a donut, from angle a0 to a1 (radians, clockwise from 12 o'clock). */
export function arc(r: number, inner: number, a0: number, a1: number): string {
  const p = (radius: number, a: number) => `${(radius * Math.sin(a)).toFixed(2)} ${(-radius * Math.cos(a)).toFixed(2)}`;
  if (a1 - a0 >= 2 * Math.PI - 1e-6) {
    return `M0 ${-r}A${r} ${r} 0 1 1 0 ${r}A${r} ${r} 0 1 1 0 ${-r}ZM0 ${-inner}A${inner} ${inner} 0 1 0 0 ${inner}A${inner} ${inner} 0 1 0 0 ${-inner}Z`;
  }
  const large = a1 - a0 > Math.PI ? 1 : 0;
  return `M${p(r, a0)}A${r} ${r} 0 ${large} 1 ${p(r, a1)}L${p(inner, a1)}A${inner} ${inner} 0 ${large} 0 ${p(inner, a0)}Z`;
}

export function onEnter(action: () => void) {
  return (e: ReactKeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      action();
    }
  };
}
