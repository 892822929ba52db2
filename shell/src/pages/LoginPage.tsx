/**
 * /connexion: e-mail and password, Google when configured, and one button per role in demo mode.
 * A successful sign-in reloads the page at `/`, so the shell boots again with the new session.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Divider, Flex, Form, Input, Result, Space, Spin, Typography } from 'antd';
import { GoogleOutlined, LockOutlined, MailOutlined } from '@ant-design/icons';
import type { AuthConfig, Role } from '@digiweb/api/contracts';
import { api, errorMessage, setCsrfToken } from '@digiweb/shared-ui';
import { DemoBanner } from '../DemoBanner';

interface LoginAnswer {
  ok: boolean;
  csrfToken: string;
}

type ConfigState = { kind: 'loading' } | { kind: 'ready'; config: AuthConfig } | { kind: 'error'; message: string };

function signedIn(answer: LoginAnswer) {
  setCsrfToken(answer.csrfToken);
  window.location.assign('/');
}

export function LoginPage() {
  const [state, setState] = useState<ConfigState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();

  useEffect(() => {
    let alive = true;
    api
      .get<AuthConfig>('/auth/config')
      .then((res) => {
        if (!alive) return;
        setCsrfToken(res.data.csrfToken);
        setState({ kind: 'ready', config: res.data });
      })
      .catch((err: unknown) => alive && setState({ kind: 'error', message: errorMessage(err) }));
    return () => {
      alive = false;
    };
  }, [attempt]);

  async function submit(action: string, request: () => Promise<{ data: LoginAnswer }>) {
    setBusy(action);
    setError(undefined);
    try {
      signedIn((await request()).data);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(undefined);
    }
  }

  const login = (values: { email: string; password: string }) =>
    submit('password', () => api.post<LoginAnswer>('/auth/login', { email: values.email, password: values.password }));
  const demoLogin = (role: Role) => submit(`demo-${role}`, () => api.post<LoginAnswer>('/auth/demo-login', { role }));

  if (state.kind === 'loading') {
    return (
      <Flex style={{ minHeight: '100vh' }} align="center" justify="center">
        <Spin size="large" />
      </Flex>
    );
  }
  if (state.kind === 'error') {
    return (
      <Result
        status="error"
        title="La page de connexion n'a pas pu être chargée"
        subTitle={state.message}
        extra={
          <Button type="primary" onClick={() => setAttempt((n) => n + 1)}>
            Réessayer
          </Button>
        }
      />
    );
  }

  const { config } = state;
  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f7' }}>
      {config.demoMode && <DemoBanner />}
      <Flex align="center" justify="center" style={{ padding: '64px 16px' }}>
        <Card style={{ width: 420, maxWidth: '100%' }}>
          <Typography.Title level={2} style={{ marginBottom: 4 }}>
            DigiWeb ERP
          </Typography.Title>
          <Typography.Paragraph type="secondary">Connectez-vous pour accéder au portail.</Typography.Paragraph>

          {error && (
            <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
          )}

          <Form layout="vertical" onFinish={login} requiredMark={false} disabled={!!busy}>
            <Form.Item
              label="E-mail"
              name="email"
              rules={[
                { required: true, message: 'Saisissez votre adresse e-mail.' },
                { type: 'email', message: "Cette adresse e-mail n'est pas valide." },
              ]}
            >
              <Input prefix={<MailOutlined />} autoComplete="username" data-testid="login-email" />
            </Form.Item>
            <Form.Item
              label="Mot de passe"
              name="password"
              rules={[{ required: true, message: 'Saisissez votre mot de passe.' }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy === 'password'} data-testid="login-submit">
              Se connecter
            </Button>
          </Form>

          {config.googleEnabled && (
            <>
              <Divider plain>ou</Divider>
              <Button
                block
                icon={<GoogleOutlined />}
                disabled={!!busy}
                onClick={() => window.location.assign('/api/auth/google')}
                data-testid="login-google"
              >
                Se connecter avec Google
              </Button>
            </>
          )}

          {config.demoMode && config.demoAccounts.length > 0 && (
            <>
              <Divider plain>Comptes de démonstration</Divider>
              <Space orientation="vertical" style={{ width: '100%' }}>
                {config.demoAccounts.map((account) => (
                  <Button
                    key={account.role}
                    block
                    loading={busy === `demo-${account.role}`}
                    disabled={!!busy && busy !== `demo-${account.role}`}
                    onClick={() => void demoLogin(account.role)}
                    data-testid={`demo-login-${account.role}`}
                  >
                    {account.label} — {account.name}
                  </Button>
                ))}
              </Space>
            </>
          )}
        </Card>
      </Flex>
    </div>
  );
}
