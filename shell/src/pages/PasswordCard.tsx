/** Settings: the member changes his own password (the current one first); his other sessions close. */
import { useState } from 'react';
import { App, Button, Card, Form, Input, Typography } from 'antd';
import { api, errorMessage, fieldErrors } from '@digiweb/shared-ui';
import { PASSWORD_MIN_LENGTH, passwordChangeSchema, type PasswordChange } from '@digiweb/api/contracts';

interface Values extends PasswordChange {
  confirmation: string;
}

export function PasswordCard() {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const showErrors = (errors: { name: string; errors: string[] }[]) =>
    form.setFields(errors.map((e) => ({ name: e.name as keyof Values, errors: e.errors })));

  // One pass over everything typed: the contract's schema (as the API would say it), then the confirmation.
  const submit = async ({ currentPassword, newPassword, confirmation }: Values) => {
    const checked = passwordChangeSchema.safeParse({ currentPassword, newPassword });
    const errors = checked.success
      ? []
      : checked.error.issues.map((i) => ({ name: String(i.path[0]), errors: [i.message] }));
    if (!confirmation) errors.push({ name: 'confirmation', errors: ['Confirmez le nouveau mot de passe.'] });
    else if (confirmation !== newPassword)
      errors.push({ name: 'confirmation', errors: ['Les deux mots de passe diffèrent.'] });
    if (!checked.success || errors.length) {
      showErrors(errors);
      return;
    }
    setSaving(true);
    try {
      const { data } = await api.post<{ sessionsClosed: number }>('/me/password', checked.data);
      form.resetFields();
      message.success(
        data.sessionsClosed > 0
          ? `Mot de passe modifié. Vos ${data.sessionsClosed} autre(s) session(s) ont été fermées.`
          : 'Mot de passe modifié.',
      );
    } catch (err) {
      showErrors(fieldErrors(err));
      message.error(`Le mot de passe n'a pas été modifié : ${errorMessage(err)}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title="Mot de passe" data-testid="password-card">
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} style={{ maxWidth: 420 }}>
        <Form.Item name="currentPassword" label="Mot de passe actuel">
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="Nouveau mot de passe"
          extra={`${PASSWORD_MIN_LENGTH} caractères au moins.`}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="confirmation" label="Confirmez le nouveau mot de passe">
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="password-submit">
          Changer le mot de passe
        </Button>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          Vos autres sessions ouvertes (autres navigateurs, autres appareils) seront fermées.
        </Typography.Paragraph>
      </Form>
    </Card>
  );
}
