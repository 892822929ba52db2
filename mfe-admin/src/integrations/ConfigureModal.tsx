/** The settings form of a connector: secrets as password inputs, never prefilled. */
import { useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import { api, errorMessage, fieldErrors } from '@digiweb/shared-ui';
import { type IntegrationDto } from '@digiweb/api/contracts';

export function ConfigureModal({
  integration: i,
  onClose,
  onSaved,
}: {
  integration: IntegrationDto;
  onClose: () => void;
  onSaved: (i: IntegrationDto) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, string>>();
  const [pending, setPending] = useState(false);
  // Plain settings are prefilled; secrets never are (an empty secret keeps the stored one).
  const initial = Object.fromEntries(i.fields.filter((f) => !f.secret).map((f) => [f.name, f.value ?? '']));

  const save = async (values: Record<string, string | undefined>) => {
    const body = Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === 'string' && v.trim() !== ''));
    setPending(true);
    try {
      const { data } = await api.put<IntegrationDto>(`/admin/integrations/${i.key}`, body);
      message.success(`Réglages ${i.label} enregistrés`);
      onSaved(data);
    } catch (err) {
      const fields = fieldErrors(err);
      if (fields.length) form.setFields(fields.map((f) => ({ name: f.name, errors: f.errors })));
      message.error(errorMessage(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <Modal
      open
      title={`Configurer ${i.label}`}
      okText="Enregistrer"
      cancelText="Annuler"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={pending}
      destroyOnHidden
    >
      {!i.available && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="Ce connecteur garde ses réglages et son autorisation ; il ne synchronise aucune donnée."
        />
      )}
      <Form form={form} layout="vertical" onFinish={save} initialValues={initial} disabled={pending}>
        {i.fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={f.label}
            required={f.required && !f.configured}
            extra={
              f.secret && f.configured
                ? `Renseigné (••••${f.last4})${f.fromEnv ? ' par la variable d’environnement' : ''} : laissez vide pour le garder.`
                : f.help
            }
          >
            {f.secret ? (
              <Input.Password
                autoComplete="new-password"
                placeholder={f.configured ? 'Nouvelle valeur' : (f.placeholder ?? 'Collez la valeur')}
                data-testid={`integration-${i.key}-${f.name}`}
              />
            ) : (
              <Input autoComplete="off" placeholder={f.placeholder} data-testid={`integration-${i.key}-${f.name}`} />
            )}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
