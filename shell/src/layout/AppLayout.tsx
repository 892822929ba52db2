/**
 * The portal frame: demo banner, sidebar (the member's modules and their sections, demo-only
 * sections in demo mode only), header (name, role, user menu), then the page — a shell page through the
 * router's Outlet, or a remote in the slot.
 */
import { useEffect, useMemo, useState, type MouseEvent, type ReactNode } from 'react';
import { App, Avatar, Button, Dropdown, Layout, Menu, Space, Tag, Typography, type MenuProps } from 'antd';
import {
  ControlOutlined,
  CustomerServiceOutlined,
  FundOutlined,
  LogoutOutlined,
  NotificationOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Outlet, useLocation } from '@tanstack/react-router';
import { navigateToUrl } from 'single-spa';
import { MODULE_SECTIONS, MODULES, type ModuleKey } from '@digiweb/api/contracts';
import { api, errorMessage, fullName, moduleSections, useSession } from '@digiweb/shared-ui';
import { DemoBanner } from '../DemoBanner';
import { isEntitled, moduleOfPath, remoteOf } from '../modules';
import { NotificationBell } from './NotificationBell';
import { SlotHost } from './SlotHost';

const MODULE_ICONS: Record<ModuleKey, ReactNode> = {
  crm: <TeamOutlined />,
  sales: <FundOutlined />,
  marketing: <NotificationOutlined />,
  service: <CustomerServiceOutlined />,
  personal: <UserOutlined />,
  admin: <ControlOutlined />,
};

/** pushState navigation: single-spa (un)mounts remotes, the shell's and the remotes' routers follow. */
function go(href: string) {
  navigateToUrl(href);
}

/** A link that navigates without reloading, yet still opens in a new tab on middle/ctrl-click. */
function navLink(href: string, children: ReactNode, testId?: string) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    go(href);
  };
  return (
    <a href={href} onClick={onClick} data-testid={testId} style={{ color: 'inherit' }}>
      {children}
    </a>
  );
}

/** The deepest section whose path contains the current one. */
function selectedSection(pathname: string, module: ModuleKey | undefined): string | undefined {
  if (!module) return undefined;
  return MODULE_SECTIONS[module]
    .map((s) => s.path)
    .filter((p) => pathname === p || pathname.startsWith(`${p}/`))
    .sort((a, b) => b.length - a.length)[0];
}

export function AppLayout() {
  const { me } = useSession();
  const { message } = App.useApp();
  const pathname = useLocation({ select: (l) => l.pathname });
  const module = moduleOfPath(pathname);
  const activeRemote = module && isEntitled(me, module) ? remoteOf(me, module) : undefined;

  const remotes = useMemo(
    () => [...me.remotes].sort((a, b) => MODULES.indexOf(a.module) - MODULES.indexOf(b.module)),
    [me.remotes],
  );

  // The current module's sections are open; entering another module closes the others.
  const [openKeys, setOpenKeys] = useState<string[]>(() => (module ? [module] : []));
  useEffect(() => {
    if (module) setOpenKeys([module]);
  }, [module]);

  const items: MenuProps['items'] = remotes.map((r) => ({
    key: r.module,
    icon: MODULE_ICONS[r.module],
    label: navLink(r.prefix, r.label, `nav-${r.module}`),
    children: moduleSections(r.module, me).map((s) => ({
      key: s.path,
      disabled: s.disabled,
      label: s.disabled ? s.label : navLink(s.path, s.label),
    })),
  }));
  const selected = selectedSection(pathname, module);

  async function logout() {
    try {
      await api.post('/auth/logout');
      window.location.assign('/connexion');
    } catch (err) {
      void message.error(errorMessage(err));
    }
  }

  const userMenu: MenuProps = {
    items: [
      { key: 'settings', icon: <SettingOutlined />, label: <span data-testid="menu-settings">Paramètres</span> },
      { type: 'divider' },
      {
        key: 'logout',
        icon: <LogoutOutlined />,
        danger: true,
        label: <span data-testid="menu-logout">Se déconnecter</span>,
      },
    ],
    onClick: ({ key }) => {
      if (key === 'settings') go('/parametres');
      if (key === 'logout') void logout();
    },
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {me.demoMode && <DemoBanner />}
      <Layout>
        <Layout.Sider
          theme="light"
          width={248}
          breakpoint="lg"
          collapsedWidth={64}
          style={{ borderRight: '1px solid #f0f0f0' }}
        >
          <div style={{ padding: '20px 24px 12px' }}>
            <Typography.Text strong style={{ fontSize: 18, color: '#4f46e5', whiteSpace: 'nowrap' }}>
              DigiWeb ERP
            </Typography.Text>
          </div>
          <Menu
            mode="inline"
            items={items}
            openKeys={openKeys}
            onOpenChange={setOpenKeys}
            selectedKeys={selected ? [selected] : []}
            style={{ borderInlineEnd: 'none' }}
            data-testid="sidebar"
          />
        </Layout.Sider>
        <Layout>
          <Layout.Header
            style={{
              background: '#fff',
              padding: '0 24px',
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'flex-end',
              borderBottom: '1px solid #f0f0f0',
            }}
          >
            <Space size="middle">
              <NotificationBell />
              <Tag color="geekblue" data-testid="user-role">
                {me.roleLabel}
              </Tag>
              <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
                <Button type="text" data-testid="user-menu" style={{ height: 40 }}>
                  <Space>
                    <Avatar size="small" src={me.user.avatarUrl} icon={<UserOutlined />} />
                    <span data-testid="user-name">{fullName(me.user)}</span>
                  </Space>
                </Button>
              </Dropdown>
            </Space>
          </Layout.Header>
          <Layout.Content style={{ margin: 24 }}>
            <div style={{ background: '#fff', borderRadius: 8, padding: 24, minHeight: 'calc(100vh - 64px - 48px)' }}>
              <Outlet />
              <SlotHost remote={activeRemote} />
            </div>
          </Layout.Content>
        </Layout>
      </Layout>
    </Layout>
  );
}
