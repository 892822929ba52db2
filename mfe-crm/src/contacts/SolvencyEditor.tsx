import { useState } from 'react';
import { App, Button, Flex, Space, Typography } from 'antd';
import { AmountInput, errorMessage } from '@digiweb/shared-ui';
import { setSolvency } from './api';
import { SolvencyTag } from './display';
import type { ContactFieldEditorProps } from './tags';

/** Solvency 0–100 entered by hand: there is no Coface connector yet. */
export function SolvencyEditor({ contact, editable, onSaved }: ContactFieldEditorProps) {
  const { message } = App.useApp();
  const [value, setValue] = useState<number | null>(contact.solvency?.score ?? null);
  const [pending, setPending] = useState(false);
  const current = contact.solvency?.score ?? null;
  const save = async (score: number | null) => {
    setPending(true);
    try {
      const updated = await setSolvency(contact.id, score);
      message.success(score === null ? 'Score de solvabilité effacé' : 'Score de solvabilité enregistré');
      setValue(updated.solvency?.score ?? null);
      onSaved(updated);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setPending(false);
    }
  };
  return (
    <Flex vertical gap={6}>
      {contact.solvency ? (
        <SolvencyTag solvency={contact.solvency} />
      ) : (
        <Typography.Text type="secondary">Non renseignée</Typography.Text>
      )}
      {editable && (
        <Space wrap>
          <AmountInput
            decimals={0}
            min={0}
            max={100}
            value={value}
            onChange={(score) => setValue(score)}
            placeholder="0 à 100"
            aria-label="Score de solvabilité (0 à 100)"
            style={{ width: 110 }}
            disabled={pending}
            data-testid="contact-solvency-input"
          />
          <Button
            onClick={() => save(value)}
            loading={pending}
            disabled={value === null || value === current || Number.isNaN(value) || value < 0 || value > 100}
            data-testid="contact-solvency-save"
          >
            Enregistrer
          </Button>
          {current !== null && (
            <Button type="link" danger onClick={() => save(null)} disabled={pending}>
              Effacer
            </Button>
          )}
        </Space>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        Saisie manuelle (0 = risque maximal, 100 = très solvable) : aucun connecteur Coface n'est configuré.
      </Typography.Text>
    </Flex>
  );
}
