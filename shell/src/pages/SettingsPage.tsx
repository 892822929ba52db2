/** Limited settings: the member's own profile, read-only (an administrator manages it), his notifications and his password. */
import { Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { COMPANY_LABELS } from '@digiweb/api/contracts';
import { formatDate, fullName, useSession } from '@digiweb/shared-ui';
import { NotificationsCard } from './NotificationsCard';
import { PasswordCard } from './PasswordCard';

export function SettingsPage() {
  const { me } = useSession();
  const { user } = me;
  return (
    <div style={{ maxWidth: 820 }}>
      <Typography.Title level={2}>Paramètres</Typography.Title>
      <Card title="Mon profil">
        <Descriptions column={1} bordered size="middle">
          <Descriptions.Item label="Nom">{fullName(user)}</Descriptions.Item>
          <Descriptions.Item label="E-mail">{user.email}</Descriptions.Item>
          <Descriptions.Item label="Rôle">
            <Tag color="geekblue">{me.roleLabel}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label="Société">{COMPANY_LABELS[user.company]}</Descriptions.Item>
          <Descriptions.Item label="Équipe">{user.team || '—'}</Descriptions.Item>
          <Descriptions.Item label="Statut">
            {user.status === 'active' ? <Tag color="green">Actif</Tag> : <Tag>Inactif</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="Date d'arrivée">{formatDate(user.startDate)}</Descriptions.Item>
          <Descriptions.Item label="Membre depuis">{formatDate(user.createdAt)}</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          Ces informations sont gérées par un administrateur. Pour les modifier, adressez-vous à lui.
        </Typography.Paragraph>
      </Card>
      <Flex vertical gap={24} style={{ marginTop: 24 }}>
        <NotificationsCard />
        <PasswordCard />
      </Flex>
    </div>
  );
}
