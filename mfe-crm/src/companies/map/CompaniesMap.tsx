/**
 * Map of France of the companies in scope, drawn without any tile server: department outlines from
 * the GeoJSON shipped with the screen (france.geo.json, scripts/build-geo-data.ts) in SVG through a
 * conic conformal projection fitted to metropolitan France; companies as points coloured by status,
 * clustered (supercluster) when zoomed out. Wheel / drag / pinch zoom and pan (d3-zoom); a cluster
 * zooms in on click, a point opens its company. Loaded on demand: not in the first load of the CRM.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Card, Empty, Flex, List, Space, Spin, Tooltip, Typography } from 'antd';
import { AimOutlined, CloseOutlined, MinusOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { formatCount, ListBody, queryState } from '@digiweb/shared-ui';
import { CONTACT_STATUS_LABELS } from '@digiweb/api/contracts';
import { geoConicConformal, geoPath } from 'd3-geo';
import { select } from 'd3-selection';
import { zoom as d3zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import Supercluster, { type ClusterFeature } from 'supercluster';
import { fetchMapPoints } from '../api';
import { MapLegend } from './MapLegend';
import { STATUS_HEX, STATUS_ORDER } from '../display';
import { companyKeys } from '../keys';
import type { CompaniesQuery } from '../query';
import {
  france,
  TINTS,
  REGION_TINT,
  inMetropole,
  K_MAX,
  CLUSTER_RADIUS,
  type Counts,
  type Props,
  type Node,
  isCluster,
  arc,
  onEnter,
} from './map-geometry';

interface MapProps {
  query: CompaniesQuery;
  onOpen: (id: string) => void;
}

export default function CompaniesMap({ query, onOpen }: MapProps) {
  // Company edits invalidate `companyKeys.all`: the points are fetched again.
  const points = queryState(
    useQuery({
      queryKey: companyKeys.map(query),
      queryFn: ({ signal }) => fetchMapPoints(query, signal),
      placeholderData: keepPreviousData,
    }),
  );
  const boxRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const [width, setWidth] = useState(0);
  const [transform, setTransform] = useState<ZoomTransform>(zoomIdentity);
  const [spot, setSpot] = useState<{ x: number; y: number; companies: Props[] } | null>(null);

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry!.contentRect.width)));
    observer.observe(box);
    return () => observer.disconnect();
  }, []);
  // Square-ish like France, within the window.
  const height = Math.round(Math.max(360, Math.min(760, width * 0.92, window.innerHeight - 280)));

  const projection = useMemo(
    () =>
      geoConicConformal()
        .parallels([44, 49])
        .rotate([-3, 0])
        .fitExtent(
          [
            [12, 12],
            [Math.max(width, 1) - 12, height - 12],
          ],
          france,
        ),
    [width, height],
  );
  const departments = useMemo(() => {
    const path = geoPath(projection);
    return france.features.map((f) => ({
      code: f.properties.code,
      name: f.properties.name,
      region: f.properties.region,
      d: path(f) ?? '',
    }));
  }, [projection]);

  /** Supercluster's zoom for a scale factor, and back: its world is 512 · 2^zoom pixels wide. */
  const { zoomOf, scaleOf } = useMemo(() => {
    const [x1] = projection([2, 46.5]) ?? [0];
    const [x2] = projection([3, 46.5]) ?? [1];
    const worldPx = Math.max(1, (x2! - x1!) * 360);
    return {
      zoomOf: (k: number) => Math.log2((worldPx * k) / 512),
      scaleOf: (zoom: number) => (512 * 2 ** zoom) / worldPx,
    };
  }, [projection]);
  const maxZoom = Math.max(0, Math.floor(zoomOf(K_MAX)));

  const drawn = useMemo(() => (points.data?.points ?? []).filter(inMetropole), [points.data]);
  const index = useMemo(() => {
    const sc = new Supercluster<Props, Counts>({
      radius: CLUSTER_RADIUS,
      maxZoom,
      map: (p) => ({
        lead: p.status === 'lead' ? 1 : 0,
        prospect: p.status === 'prospect' ? 1 : 0,
        client: p.status === 'client' ? 1 : 0,
      }),
      reduce: (acc, p) => {
        acc.lead += p.lead;
        acc.prospect += p.prospect;
        acc.client += p.client;
      },
    });
    sc.load(
      drawn.map((p) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [p.lng, p.lat] },
        properties: { id: p.id, name: p.name, status: p.status },
      })),
    );
    return sc;
  }, [drawn, maxZoom]);

  const level = Math.min(maxZoom, Math.max(0, Math.floor(zoomOf(transform.k))));
  const nodes = useMemo(() => {
    const out: { node: Node; x: number; y: number }[] = [];
    for (const node of index.getClusters([-180, -85, 180, 85], level) as Node[]) {
      const xy = projection(node.geometry.coordinates as [number, number]);
      if (!xy) continue;
      const [x, y] = transform.apply(xy);
      if (x < -40 || y < -40 || x > width + 40 || y > height + 40) continue;
      out.push({ node, x, y });
    }
    // Clusters below single points; clients drawn last, on top.
    return out.sort((a, b) => {
      const rank = (n: Node) => (isCluster(n) ? -1 : STATUS_ORDER.indexOf(n.properties.status));
      return rank(a.node) - rank(b.node);
    });
  }, [index, level, projection, transform, width, height]);

  // d3-zoom: wheel, drag, pinch and double-click, within France's frame.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || width === 0) return;
    const behaviour = d3zoom<SVGSVGElement, unknown>()
      .scaleExtent([1, K_MAX])
      .translateExtent([
        [0, 0],
        [width, height],
      ])
      .extent([
        [0, 0],
        [width, height],
      ])
      .on('zoom', (event: { transform: ZoomTransform }) => {
        setTransform(event.transform);
        setSpot(null);
      });
    zoomRef.current = behaviour;
    const selection = select(svg);
    selection.call(behaviour);
    selection.call(behaviour.transform, zoomIdentity);
    return () => {
      selection.on('.zoom', null);
    };
  }, [width, height]);

  const zoomBy = (factor: number) => {
    if (svgRef.current && zoomRef.current) select(svgRef.current).call(zoomRef.current.scaleBy, factor);
  };
  const reset = () => {
    if (svgRef.current && zoomRef.current) select(svgRef.current).call(zoomRef.current.transform, zoomIdentity);
  };
  /** Zooms so that the cluster's companies separate, centred on it; co-located companies are listed instead. */
  const openCluster = (c: ClusterFeature<Counts>, x: number, y: number) => {
    const expansion = index.getClusterExpansionZoom(c.properties.cluster_id);
    if (expansion > maxZoom || transform.k >= K_MAX) {
      setSpot({ x, y, companies: index.getLeaves(c.properties.cluster_id, Infinity).map((l) => l.properties) });
      return;
    }
    const k = Math.min(K_MAX, Math.max(transform.k * 2, scaleOf(expansion)));
    const [px, py] = projection(c.geometry.coordinates as [number, number])!;
    if (svgRef.current && zoomRef.current)
      select(svgRef.current).call(
        zoomRef.current.transform,
        zoomIdentity.translate(width / 2 - px * k, height / 2 - py * k).scale(k),
      );
  };

  const counts = useMemo(() => {
    const c: Counts = { lead: 0, prospect: 0, client: 0 };
    for (const p of drawn) c[p.status]++;
    return c;
  }, [drawn]);
  const offMap = points.data ? points.data.points.length - drawn.length + points.data.withoutPosition : 0;

  return (
    <ListBody list={points} errorTitle="Impossible de charger la carte">
      <Flex vertical gap={12}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <MapLegend counts={counts} />
          {offMap > 0 && (
            <Typography.Text type="secondary">
              {formatCount(offMap, 'entreprise')} hors de la carte (outre-mer ou adresse incomplète)
            </Typography.Text>
          )}
        </Flex>
        <div ref={boxRef} style={{ position: 'relative', width: '100%', minHeight: 360 }}>
          {width > 0 && (
            <svg
              ref={svgRef}
              data-testid="companies-map"
              data-zoom={transform.k.toFixed(2)}
              width={width}
              height={height}
              viewBox={`0 0 ${width} ${height}`}
              role="group"
              aria-label="Carte de France des entreprises"
              style={{ display: 'block', background: '#f7fafc', borderRadius: 8, touchAction: 'none', cursor: 'grab' }}
            >
              <g transform={transform.toString()}>
                {departments.map((d) => (
                  <path
                    key={d.code}
                    d={d.d}
                    data-department={d.code}
                    fill={TINTS[REGION_TINT[d.region] ?? 0]}
                    stroke="#ffffff"
                    strokeWidth={1}
                    vectorEffect="non-scaling-stroke"
                  >
                    <title>{`${d.name} (${d.code})`}</title>
                  </path>
                ))}
              </g>
              <g>
                {nodes.map(({ node, x, y }) => {
                  if (isCluster(node)) {
                    const total = node.properties.point_count;
                    const r = Math.min(30, 12 + 4 * Math.log2(total));
                    let a = 0;
                    const label = `${formatCount(total, 'entreprise')} : ${STATUS_ORDER.map((s) => `${node.properties[s]} ${CONTACT_STATUS_LABELS[s].toLowerCase()}`).join(', ')}`;
                    return (
                      <g
                        key={`c${node.properties.cluster_id}`}
                        data-testid={`map-cluster-${node.properties.cluster_id}`}
                        transform={`translate(${x.toFixed(1)},${y.toFixed(1)})`}
                        role="button"
                        tabIndex={0}
                        aria-label={`${label}. Zoomer`}
                        style={{ cursor: 'pointer' }}
                        onClick={() => openCluster(node, x, y)}
                        onKeyDown={onEnter(() => openCluster(node, x, y))}
                      >
                        <title>{label}</title>
                        <circle r={r} fill="#ffffff" fillOpacity={0.92} stroke="#ffffff" strokeWidth={2} />
                        {STATUS_ORDER.map((s) => {
                          const n = node.properties[s];
                          if (!n) return null;
                          const a0 = a;
                          a += (n / total) * 2 * Math.PI;
                          return <path key={s} d={arc(r, r - 6, a0, a)} fill={STATUS_HEX[s]} data-status={s} />;
                        })}
                        <text
                          textAnchor="middle"
                          dominantBaseline="central"
                          fontSize={12}
                          fontWeight={600}
                          fill="#1f2937"
                        >
                          {total}
                        </text>
                      </g>
                    );
                  }
                  const p = node.properties;
                  const label = `${p.name} — ${CONTACT_STATUS_LABELS[p.status]}`;
                  return (
                    <circle
                      key={p.id}
                      data-testid={`map-point-${p.id}`}
                      data-status={p.status}
                      cx={x}
                      cy={y}
                      r={7}
                      fill={STATUS_HEX[p.status]}
                      stroke="#ffffff"
                      strokeWidth={2}
                      role="button"
                      tabIndex={0}
                      aria-label={label}
                      style={{ cursor: 'pointer' }}
                      onClick={() => onOpen(p.id)}
                      onKeyDown={onEnter(() => onOpen(p.id))}
                    >
                      <title>{label}</title>
                    </circle>
                  );
                })}
              </g>
            </svg>
          )}
          {width > 0 && (
            <Flex vertical gap={4} style={{ position: 'absolute', top: 12, right: 12 }}>
              <Tooltip title="Zoomer" placement="left">
                <Button
                  icon={<PlusOutlined />}
                  aria-label="Zoomer"
                  onClick={() => zoomBy(2)}
                  disabled={transform.k >= K_MAX}
                />
              </Tooltip>
              <Tooltip title="Dézoomer" placement="left">
                <Button
                  icon={<MinusOutlined />}
                  aria-label="Dézoomer"
                  onClick={() => zoomBy(0.5)}
                  disabled={transform.k <= 1}
                />
              </Tooltip>
              <Tooltip title="Toute la France" placement="left">
                <Button icon={<AimOutlined />} aria-label="Recentrer sur la France" onClick={reset} />
              </Tooltip>
            </Flex>
          )}
          {spot && (
            <Card
              size="small"
              data-testid="map-spot"
              title={formatCount(spot.companies.length, 'entreprise') + ' à cet endroit'}
              extra={
                <Button
                  type="text"
                  size="small"
                  icon={<CloseOutlined />}
                  aria-label="Fermer"
                  onClick={() => setSpot(null)}
                />
              }
              style={{
                position: 'absolute',
                left: Math.min(Math.max(8, spot.x + 16), Math.max(8, width - 288)),
                top: Math.min(Math.max(8, spot.y - 20), Math.max(8, height - 260)),
                width: 280,
                boxShadow: '0 6px 16px rgba(0,0,0,.12)',
              }}
              styles={{ body: { maxHeight: 200, overflowY: 'auto', padding: 0 } }}
            >
              <List
                size="small"
                dataSource={spot.companies}
                renderItem={(c) => (
                  <List.Item
                    style={{ cursor: 'pointer', paddingInline: 12 }}
                    onClick={() => onOpen(c.id)}
                    onKeyDown={onEnter(() => onOpen(c.id))}
                    tabIndex={0}
                    role="button"
                  >
                    <Space size={8}>
                      <svg width="10" height="10" aria-hidden>
                        <circle cx="5" cy="5" r="5" fill={STATUS_HEX[c.status]} />
                      </svg>
                      <Typography.Text ellipsis style={{ maxWidth: 220 }}>
                        {c.name}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          )}
          {points.loading && (
            <Flex justify="center" align="center" style={{ position: 'absolute', inset: 0, pointerEvents: 'none' }}>
              <Spin />
            </Flex>
          )}
          {points.data && drawn.length === 0 && !points.loading && (
            <Flex justify="center" align="center" style={{ position: 'absolute', inset: 0, pointerEvents: 'none' }}>
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Aucune entreprise à afficher sur la carte" />
            </Flex>
          )}
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          Fond de carte : départements d'après MapSVG (CC BY 4.0). Positions : communes INSEE, coordonnées GeoNames (CC
          BY 4.0).
        </Typography.Text>
      </Flex>
    </ListBody>
  );
}
