/** Free-text notes of a contact or a company, shown in its drawer and edited in place. */
import { useState } from 'react';
import { App, Button, Flex, Input, Space, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { errorMessage } from '@digiweb/shared-ui';
import { NOTES_MAX } from '@digiweb/api/contracts';

interface Props {
  notes: string | undefined;
  editable: boolean;
  /** Saves the new notes ("" clears them); rejects with the API's error. */
  onSave: (notes: string) => Promise<void>;
  testId: string;
}

export function NotesEditor({ notes, editable, onSave, testId }: Props) {
  const { message } = App.useApp();
  const [draft, setDraft] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const save = async () => {
    if (draft === null) return;
    setPending(true);
    try {
      await onSave(draft.trim());
      message.success(draft.trim() ? 'Notes enregistrées' : 'Notes effacées');
      setDraft(null);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setPending(false);
    }
  };
  if (draft !== null)
    return (
      <Flex vertical gap={8}>
        <Input.TextArea
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          autoSize={{ minRows: 3, maxRows: 12 }}
          maxLength={NOTES_MAX}
          showCount
          aria-label="Notes"
          disabled={pending}
          data-testid={`${testId}-input`}
        />
        <Space>
          <Button type="primary" onClick={save} loading={pending} data-testid={`${testId}-save`}>
            Enregistrer
          </Button>
          <Button onClick={() => setDraft(null)} disabled={pending}>
            Annuler
          </Button>
        </Space>
      </Flex>
    );
  return (
    <Flex vertical gap={4} align="flex-start">
      {notes ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid={testId}>
          {notes}
        </Typography.Paragraph>
      ) : (
        <Typography.Text type="secondary" data-testid={testId}>
          Aucune note
        </Typography.Text>
      )}
      {editable && (
        <Button
          type="link"
          size="small"
          icon={<EditOutlined />}
          onClick={() => setDraft(notes ?? '')}
          style={{ paddingInline: 0 }}
          data-testid={`${testId}-edit`}
        >
          {notes ? 'Modifier les notes' : 'Ajouter des notes'}
        </Button>
      )}
    </Flex>
  );
}
