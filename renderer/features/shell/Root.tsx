import { Alert, Center, Loader } from '@mantine/core';
import { Navigate, Route, Routes } from 'react-router-dom';
import { useStatus } from '../../lib/queries';
import { ComingLater } from '../placeholders/ComingLater';
import { SettingsPage } from '../settings/SettingsPage';
import { SetupPage } from '../setup/SetupPage';
import { TodayPage } from '../today/TodayPage';
import { Shell } from './Shell';

/** Until a data file is open, the only screen is set-up; after that, the app. */
export function Root() {
  const status = useStatus();
  if (status.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Opening Key Desk" />
      </Center>
    );
  }
  if (status.isError) {
    return (
      <Center h="100vh" p="xl">
        <Alert color="red" title="Key Desk could not start">
          {status.error.message}
        </Alert>
      </Center>
    );
  }
  if (status.data.state !== 'ready') return <SetupPage status={status.data} />;
  return (
    <Shell status={status.data}>
      <Routes>
        <Route path="/" element={<TodayPage />} />
        <Route path="/registers" element={<ComingLater area="Registers" what="AM and PM attendance registers for each base, taken by keyboard." />} />
        <Route path="/pupils" element={<ComingLater area="Pupils" what="Referrals, placements, the waiting list and each pupil's record." />} />
        <Route path="/plans" element={<ComingLater area="Plans" what="My Support Plans: outcomes, provision, reviews and progress charts." />} />
        <Route path="/reports" element={<ComingLater area="Reports" what="Reintegration reports and pupil passports to print for home schools." />} />
        <Route path="/settings" element={<SettingsPage status={status.data} />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </Shell>
  );
}
