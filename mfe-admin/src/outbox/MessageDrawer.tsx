/** One recorded message in full. The body is shown as plain text, line breaks kept; never as HTML. */
import { Descriptions, Drawer, Typography, type DescriptionsProps } from 'antd';
import { formatDateTime } from '@digiweb/shared-ui';
import type { OutboxMessageDto } from '@digiweb/api/contracts';
import { ChannelTag } from './display';

export function MessageDrawer({ message, onClose }: { message: OutboxMessageDto | null; onClose: () => void }) {
  const items: DescriptionsProps['items'] = message
    ? [
        { key: 'createdAt', label: 'Date', children: formatDateTime(message.createdAt) },
        { key: 'channel', label: 'Canal', children: <ChannelTag channel={message.channel} /> },
        { key: 'provider', label: 'Fournisseur', children: message.provider },
        {
          key: 'to',
          label: message.to.length > 1 ? 'Destinataires' : 'Destinataire',
          children: message.to.length ? message.to.map((r) => <div key={r}>{r}</div>) : '—',
        },
        { key: 'subject', label: 'Objet', children: message.subject || '—' },
      ]
    : [];

  return (
    <Drawer open={message !== null} onClose={onClose} size={600} title={message?.subject || 'Message'} destroyOnHidden>
      {message && (
        <div data-testid="outbox-drawer">
          <Descriptions bordered size="small" column={1} items={items} styles={{ label: { width: 140 } }} />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            Contenu
          </Typography.Title>
          {message.body ? (
            <div
              data-testid="outbox-body"
              style={{
                whiteSpace: 'pre-wrap',
                overflowWrap: 'anywhere',
                padding: 16,
                background: '#fafafa',
                border: '1px solid #f0f0f0',
                borderRadius: 8,
              }}
            >
              {message.body}
            </div>
          ) : (
            <Typography.Text type="secondary">Ce message n'a pas de contenu.</Typography.Text>
          )}
        </div>
      )}
    </Drawer>
  );
}
