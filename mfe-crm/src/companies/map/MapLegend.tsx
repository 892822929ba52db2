/** The map's legend: one coloured dot per status, with the number of companies drawn in it. */
import { Space, Typography } from 'antd';
import { CONTACT_STATUS_LABELS, type ContactStatus } from '@digiweb/api/contracts';
import { STATUS_HEX, STATUS_ORDER } from '../display';

export function MapLegend({ counts }: { counts: Record<ContactStatus, number> }) {
  return (
    <Space size={16} wrap aria-label="Légende">
      {STATUS_ORDER.map((s) => (
        <Space key={s} size={6} data-testid={`map-legend-${s}`}>
          <svg width="12" height="12" aria-hidden>
            <circle cx="6" cy="6" r="5" fill={STATUS_HEX[s]} stroke="#fff" />
          </svg>
          <Typography.Text>
            {CONTACT_STATUS_LABELS[s]}s <Typography.Text type="secondary">({counts[s]})</Typography.Text>
          </Typography.Text>
        </Space>
      ))}
    </Space>
  );
}
