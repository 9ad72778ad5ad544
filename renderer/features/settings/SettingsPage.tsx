import { Code, Paper, Select, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { AppStatus } from '../../../shared/api/status';
import { useBases, useDeviceSettings, useUpdateDeviceSettings } from '../../lib/queries';
import { BaseForm } from './BaseForm';
import { RegisterSettingsSection } from './RegisterSettings';
import { AutoLock, NewRecoveryKey } from './Security';
import { lazy, Suspense } from 'react';
import { ACCESS, rolesAllow } from '../../../shared/api/access';

const KeyworkSettings = lazy(() => import('../keywork/KeyworkSettings'));

function ThisPc() {
  const bases = useBases();
  const settings = useDeviceSettings();
  const update = useUpdateDeviceSettings();
  return (
    <Select
      maw={360}
      label="This PC's base"
      description="Screens open on this base first."
      placeholder="No base chosen"
      clearable
      data={(bases.data ?? []).map((base) => ({ value: base.id, label: base.name }))}
      value={settings.data?.defaultBaseId ?? null}
      onChange={(value) => update.mutate({ defaultBaseId: value })}
      error={update.error?.message}
    />
  );
}

export function SettingsPage({ status }: { status: AppStatus }) {
  const bases = useBases();
  const isAdmin = status.user?.roles.includes('administrator') ?? false;
  const isManager = rolesAllow(ACCESS['followUps.saveSettings'], status.user?.roles ?? []);
  return (
    <Stack gap="xl">
      <Title order={2}>Settings</Title>
      <Stack gap="sm">
        <Title order={3} size="h4">
          Bases
        </Title>
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          {bases.isPending ? [0, 1].map((i) => <Skeleton key={i} h={380} />) : bases.data?.map((base) => <BaseForm key={base.id} base={base} />)}
        </SimpleGrid>
      </Stack>
      <Stack gap="sm">
        <Title order={3} size="h4">
          Registers
        </Title>
        <RegisterSettingsSection />
      </Stack>
      {isManager && (
        <Suspense fallback={<Skeleton h={200} aria-label="Loading the keyworker settings" />}>
          <KeyworkSettings />
        </Suspense>
      )}
      {isAdmin && (
        <Stack gap="sm">
          <Title order={3} size="h4">
            This PC
          </Title>
          <ThisPc />
        </Stack>
      )}
      <Stack gap="sm">
        <Title order={3} size="h4">
          Security
        </Title>
        {isAdmin && <AutoLock />}
        <NewRecoveryKey />
      </Stack>
      <Paper withBorder p="md">
        <Title order={3} size="h4">
          Data
        </Title>
        <Text size="sm" mt="xs">
          The data file is kept in <Code>{status.dataFolder}</Code>
        </Text>
        <Text size="sm" c="dimmed" mt={4}>
          Key Desk {status.version}
          {status.isDemo ? ' · demo data: every pupil is fictional' : ''}
        </Text>
      </Paper>
    </Stack>
  );
}
