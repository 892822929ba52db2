/**
 * A contact whose "entreprise" names an existing company its rep does not follow yet: the link waits
 * for an administrator (API: COMPANY_LINK_RULE), who approves or refuses it here.
 */
import { useState } from 'react';
import { App, Button, Flex, Popconfirm, Tag, Tooltip } from 'antd';
import { errorMessage, formatDate } from '@digiweb/shared-ui';
import { COMPANY_LINK_STATUS_LABELS, type ContactDto } from '@digiweb/api/contracts';
import { decideCompanyLink } from './api';

interface Props {
  contact: ContactDto;
  /** The caller may decide (administrators). */
  canDecide: boolean;
  onDecided: (contact: ContactDto) => void;
}

export function CompanyLinkNotice({ contact, canDecide, onDecided }: Props) {
  const { message } = App.useApp();
  const [pending, setPending] = useState<'approve' | 'refuse' | null>(null);
  const link = contact.companyLink;
  if (!link) return null;

  const decide = async (decision: 'approve' | 'refuse') => {
    setPending(decision);
    try {
      const updated = await decideCompanyLink(contact.id, decision);
      message.success(
        decision === 'approve'
          ? `${contact.firstName} ${contact.lastName} est rattaché à l’entreprise.`
          : 'Rattachement refusé : le contact reste sans entreprise liée.',
      );
      onDecided(updated);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setPending(null);
    }
  };

  const who = link.by?.name ? `${link.by.name}, le ${formatDate(link.at)}` : `le ${formatDate(link.at)}`;
  const explanation =
    link.status === 'pending'
      ? `Cette entreprise existe déjà et n’est pas encore suivie par le commercial du contact (saisie par ${who}). Un administrateur valide ou refuse le rattachement.`
      : `Rattachement refusé par ${who}. Le contact garde le nom saisi, sans entreprise liée.`;

  return (
    <Flex gap={8} align="center" wrap data-testid="contact-company-link">
      <Tooltip title={explanation}>
        <Tag color={link.status === 'pending' ? 'orange' : 'red'}>{COMPANY_LINK_STATUS_LABELS[link.status]}</Tag>
      </Tooltip>
      {canDecide && (
        <>
          <Button
            size="small"
            type="primary"
            loading={pending === 'approve'}
            disabled={pending !== null}
            onClick={() => decide('approve')}
            data-testid="company-link-approve"
          >
            Valider
          </Button>
          {link.status === 'pending' && (
            <Popconfirm
              title="Refuser ce rattachement ?"
              description="Le contact restera sans entreprise liée."
              okText="Refuser"
              cancelText="Annuler"
              onConfirm={() => decide('refuse')}
            >
              <Button
                size="small"
                danger
                loading={pending === 'refuse'}
                disabled={pending !== null}
                data-testid="company-link-refuse"
              >
                Refuser
              </Button>
            </Popconfirm>
          )}
        </>
      )}
    </Flex>
  );
}
