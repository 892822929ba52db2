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

  const submit = async ({ currentPassword, newPassword }: Values) => {
    const checked = passwordChangeSchema.safeParse({ currentPassword, newPassword });
    if (!checked.success) {
      form.setFields(
        checked.error.issues.map((i) => ({ name: String(i.path[0]) as keyof Values, errors: [i.message] })),
      );
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
      const errors = fieldErrors(err);
      if (errors.length) form.setFields(errors.map((e) => ({ name: e.name as keyof Values, errors: e.errors })));
      message.error(`Le mot de passe n'a pas été modifié : ${errorMessage(err)}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title="Mot de passe" data-testid="password-card">
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} style={{ maxWidth: 420 }}>
        <Form.Item
          name="currentPassword"
          label="Mot de passe actuel"
          rules={[{ required: true, message: 'Saisissez votre mot de passe actuel.' }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="Nouveau mot de passe"
          extra={`${PASSWORD_MIN_LENGTH} caractères au moins.`}
          rules={[{ required: true, message: 'Saisissez le nouveau mot de passe.' }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmation"
          label="Confirmez le nouveau mot de passe"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: 'Confirmez le nouveau mot de passe.' },
            ({ getFieldValue }) => ({
              validator: async (_, value) => {
                if (value && value !== getFieldValue('newPassword'))
                  throw new Error('Les deux mots de passe diffèrent.');
              },
            }),
          ]}
        >
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
