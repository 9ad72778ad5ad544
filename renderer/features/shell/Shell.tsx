import { Alert, AppShell, Badge, Button, Group, Menu, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconChevronDown, IconKey, IconLock, IconLogout, IconUsers } from '@tabler/icons-react';
import { useEffect, type ReactNode } from 'react';
import { NavLink as RouterLink, useLocation } from 'react-router-dom';
import { unwrap } from '../../../shared/api/result';
import type { AppStatus, SignedInUser } from '../../../shared/api/status';
import { ROLE_LABELS } from '../../../shared/domain/staff';
import { api } from '../../lib/api';
import { useSetupAction } from '../../lib/queries';
import { ChangePasswordModal } from '../session/ChangePasswordModal';
import { navFor } from './nav';
import { MAIN_ID, SkipLink, useFocusHeadingOnNavigation } from './PageFocus';

/** How often, at most, typing and clicking tell the core someone is still here (it locks after minutes). */
const TOUCH_EVERY_MS = 30_000;

/** Keeps the session alive while someone is using the window, even on a screen that makes no calls. */
function useActivity() {
  useEffect(() => {
    let last = Date.now();
    const onActivity = () => {
      if (Date.now() - last < TOUCH_EVERY_MS) return;
      last = Date.now();
      void api.session.touch();
    };
    const events = ['keydown', 'pointerdown', 'wheel'] as const;
    for (const event of events) window.addEventListener(event, onActivity, { passive: true });
    return () => {
      for (const event of events) window.removeEventListener(event, onActivity);
    };
  }, []);
}

function UserMenu({ user }: { user: SignedInUser }) {
  const [changing, { open, close }] = useDisclosure(false);
  const lock = useSetupAction(async () => unwrap(await api.session.lock()));
  const signOut = useSetupAction(async () => unwrap(await api.session.signOut()));
  // From anywhere, a text field included (useHotkeys skips inputs unless told otherwise): staff lock
  // the screen as they walk away, often with the cursor still in a form.
  useHotkeys([['mod+L', () => lock.mutate(undefined)]], [], true);
  return (
    <>
      {/* Not portalled, so the open menu stays inside the header landmark; no focus placeholder div
          inside role="menu" (only menu items may be there). */}
      <Menu position="bottom-end" width={220} withinPortal={false} withInitialFocusPlaceholder={false}>
        <Menu.Target>
          <Button variant="subtle" color="dark" rightSection={<IconChevronDown size={16} aria-hidden />} title={user.roles.map((r) => ROLE_LABELS[r]).join(', ')}>
            {user.name}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<IconLock size={16} aria-hidden />} onClick={() => lock.mutate(undefined)} rightSection={<Text size="xs">Ctrl+L</Text>}>
            Lock
          </Menu.Item>
          <Menu.Item leftSection={<IconUsers size={16} aria-hidden />} onClick={() => signOut.mutate(undefined)}>
            Switch user
          </Menu.Item>
          <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => signOut.mutate(undefined)}>
            Sign out
          </Menu.Item>
          <Menu.Item leftSection={<IconKey size={16} aria-hidden />} onClick={open}>
            Change password
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ChangePasswordModal opened={changing} onClose={close} name={user.name} username={user.username} />
    </>
  );
}

export function Shell({ status, children }: { status: AppStatus; children: ReactNode }) {
  const location = useLocation();
  useActivity();
  useFocusHeadingOnNavigation();
  const nav = navFor(status.user?.roles ?? []);
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 0 }} padding="lg">
      <SkipLink />
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
          <Group gap="sm">
            {status.readOnly && (
              <Badge color="gray" size="lg" variant="light" title="Nothing can be changed in this window">
                Read-only
              </Badge>
            )}
            {status.isDemo && (
              <Badge color="orange" size="lg" variant="light" title="Every pupil here is made up">
                Demo data: fictional pupils
              </Badge>
            )}
            {status.user && <UserMenu user={status.user} />}
          </Group>
        </Group>
      </AppShell.Header>
      {/* AppShell.Navbar is the <nav> landmark itself: no second <nav> inside it. */}
      <AppShell.Navbar p="xs" aria-label="Main">
        <div>
          {nav.map((item) => (
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
      <AppShell.Main id={MAIN_ID} tabIndex={-1}>
        {status.saveProblem && (
          <Text c="red" fw={600} role="alert" mb="md">
            {status.saveStopped
              ? status.saveProblem
              : `Key Desk cannot save your changes. ${status.saveProblem} Your changes are kept while it keeps trying: do not close it.`}
          </Text>
        )}
        {status.readOnly && (
          <Alert color="gray" variant="light" title="Read-only: nothing can be changed here" mb="md">
            {status.heldElsewhere ? `${status.heldElsewhere} ` : ''}This window shows the data as it was saved when you signed in,
            and refuses every change. To make changes, close Key Desk there, then sign out here and sign in again.
          </Alert>
        )}
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
