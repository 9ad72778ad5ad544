import { AppShell, Badge, Group, NavLink, Text, Title } from '@mantine/core';
import {
  IconCalendarCheck,
  IconClipboardList,
  IconFileText,
  IconHome,
  IconSettings,
  IconUsers,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { NavLink as RouterLink, useLocation } from 'react-router-dom';
import type { AppStatus } from '../../../shared/api/status';

const NAV = [
  { to: '/', label: 'Today', icon: IconHome },
  { to: '/registers', label: 'Registers', icon: IconCalendarCheck },
  { to: '/pupils', label: 'Pupils', icon: IconUsers },
  { to: '/plans', label: 'Plans', icon: IconClipboardList },
  { to: '/reports', label: 'Reports', icon: IconFileText },
  { to: '/settings', label: 'Settings', icon: IconSettings },
] as const;

export function Shell({ status, children }: { status: AppStatus; children: ReactNode }) {
  const location = useLocation();
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 0 }} padding="lg">
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between">
          <Group gap="sm">
            <Title order={1} size="h3">
              Key Desk
            </Title>
            <Text c="dimmed" size="sm">
              {status.provisionName}
            </Text>
          </Group>
          {status.isDemo && (
            <Badge color="orange" size="lg" variant="light" title="Every pupil here is made up">
              Demo data: fictional pupils
            </Badge>
          )}
        </Group>
      </AppShell.Header>
      {/* AppShell.Navbar is the <nav> landmark itself: no second <nav> inside it. */}
      <AppShell.Navbar p="xs" aria-label="Main">
        <div>
          {NAV.map((item) => (
            <NavLink
              key={item.to}
              component={RouterLink}
              to={item.to}
              label={item.label}
              leftSection={<item.icon size={18} stroke={1.6} aria-hidden />}
              active={item.to === '/' ? location.pathname === '/' : location.pathname.startsWith(item.to)}
            />
          ))}
        </div>
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
