/** Asked before a deal goes to "Perdu": the reason of the loss is required. */
import { useState } from 'react';
import { Flex, Form, Input, Modal, Tag, Typography } from 'antd';
import { dealStageMoveSchema, type DealCardDto } from '@digiweb/api/contracts';

const SUGGESTIONS = [
  'Budget insuffisant',
  'Choix d’un concurrent',
  'Projet reporté',
  'Plus de réponse du client',
  'Besoin internalisé',
  'Délais trop longs',
];

interface Props {
  /** The deal being lost; null when the modal is closed. */
  deal: DealCardDto | null;
  /** Saves the move; the modal stays open (and shows the error) if it fails. */
  onConfirm: (reason: string) => Promise<void>;
  onCancel: () => void;
}

export function LossReasonModal({ deal, onConfirm, onCancel }: Props) {
  const [form] = Form.useForm<{ lossReason?: string }>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    let lossReason: string | undefined;
    try {
      ({ lossReason } = await form.validateFields());
    } catch {
      return; // the field shows what is missing
    }
    setSaving(true);
    try {
      await onConfirm((lossReason ?? '').trim());
      form.resetFields();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={deal !== null}
      title="Deal perdu"
      okText="Passer en Perdu"
      cancelText="Annuler"
      okButtonProps={{ danger: true, loading: saving, 'data-testid': 'loss-reason-submit' }}
      onOk={submit}
      onCancel={() => {
        if (saving) return;
        form.resetFields();
        onCancel();
      }}
      destroyOnHidden
    >
      <div data-testid="loss-reason-modal">
        {deal && (
          <Typography.Paragraph>
            Pourquoi « {deal.title} » est-il perdu ? Le motif servira aux analyses de conversion.
          </Typography.Paragraph>
        )}
        <Form form={form} layout="vertical" onFinish={submit} disabled={saving}>
          <Form.Item
            name="lossReason"
            label="Motif de perte"
            required
            rules={[
              {
                validator: async (_rule, value: unknown) => {
                  const res = dealStageMoveSchema.safeParse({ stage: 'lost', lossReason: value ?? '' });
                  if (!res.success) throw new Error(res.error.issues[0]?.message);
                },
              },
            ]}
          >
            <Input.TextArea
              rows={2}
              maxLength={300}
              autoFocus
              placeholder="Budget insuffisant, concurrent choisi…"
              aria-label="Motif de perte"
            />
          </Form.Item>
          <Flex wrap gap={6} aria-label="Motifs fréquents">
            {SUGGESTIONS.map((reason) => (
              <Tag.CheckableTag
                key={reason}
                checked={false}
                onChange={() => form.setFieldsValue({ lossReason: reason })}
                style={{ border: '1px solid #d9d9d9' }}
              >
                {reason}
              </Tag.CheckableTag>
            ))}
          </Flex>
        </Form>
      </div>
    </Modal>
  );
}
