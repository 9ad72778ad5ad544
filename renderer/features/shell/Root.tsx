import { Alert, Center, Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { useAppEvents, useStatus } from '../../lib/queries';
import { AuditPage } from '../audit/AuditPage';
import { DataAndBackupsPage } from '../backups/DataAndBackupsPage';
import { CalendarPage } from '../calendar/CalendarPage';
import { BoardPage } from '../placements/BoardPage';
import { ReferralsPage } from '../placements/ReferralsPage';
import { RegistersPage } from '../registers/RegistersPage';
import { HomeSchoolSheetPage } from '../registers/HomeSchoolSheetPage';
import { PupilPage } from '../pupils/PupilPage';
import { PupilsPage } from '../pupils/PupilsPage';
import { SchoolsPage } from '../schools/SchoolsPage';
import { ComingLater } from '../placeholders/ComingLater';
import { LockScreen } from '../session/LockScreen';
import { SignInPage } from '../session/SignInPage';
import { SettingsPage } from '../settings/SettingsPage';
import { SetupPage } from '../setup/SetupPage';
import { StaffPage } from '../staff/StaffPage';
import { TodayPage } from '../today/TodayPage';
import { navFor } from './nav';
import { Shell } from './Shell';

// Chart screens load when opened, so the first screen's bundle does not carry recharts.
const AttendanceDashboard = lazy(() => import('../attendance/AttendanceDashboard'));

/** Set-up, sign-in or the lock screen until someone is signed in; after that, the app. */
export function Root() {
  const status = useStatus();
  useAppEvents(status.data?.user?.id ?? '');
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
  const { state } = status.data;
  if (state === 'setup' || state === 'failed') return <SetupPage status={status.data} />;
  if (state === 'sign-in') return <SignInPage status={status.data} />;
  if (state === 'locked') return <LockScreen status={status.data} />;
  const allowed = new Set(navFor(status.data.user?.roles ?? []).map((item) => item.to));
  const page = (to: string, element: React.ReactNode) => (allowed.has(to) ? element : <Navigate to="/" replace />);
  return (
    <Shell status={status.data}>
      <Routes>
        <Route path="/" element={<TodayPage />} />
        <Route path="/registers" element={page('/registers', <RegistersPage />)} />
        <Route path="/registers/home-school" element={page('/registers', <HomeSchoolSheetPage />)} />
        <Route
          path="/registers/attendance"
          element={page('/registers', <Suspense fallback={<Loader aria-label="Loading attendance" />}><AttendanceDashboard /></Suspense>)}
        />
        <Route path="/pupils" element={page('/pupils', <PupilsPage />)} />
        <Route path="/pupils/:id" element={page('/pupils', <PupilPage />)} />
        <Route path="/placements" element={page('/placements', <BoardPage />)} />
        <Route path="/referrals" element={page('/referrals', <ReferralsPage />)} />
        <Route path="/schools" element={page('/schools', <SchoolsPage />)} />
        <Route path="/calendar" element={page('/calendar', <CalendarPage />)} />
        <Route path="/plans" element={page('/plans', <ComingLater area="Plans" what="My Support Plans: outcomes, provision, reviews and progress charts." />)} />
        <Route path="/reports" element={page('/reports', <ComingLater area="Reports" what="Reintegration reports and pupil passports to print for home schools." />)} />
        <Route path="/staff" element={page('/staff', <StaffPage />)} />
        <Route path="/audit" element={page('/audit', <AuditPage />)} />
        <Route path="/settings" element={page('/settings', <SettingsPage status={status.data} />)} />
        <Route path="/backups" element={page('/backups', <DataAndBackupsPage status={status.data} />)} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </Shell>
  );
}
