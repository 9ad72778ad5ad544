import { Alert, Center, Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { useAppEvents, useStatus } from '../../lib/queries';
import { LockScreen } from '../session/LockScreen';
import { SignInPage } from '../session/SignInPage';
import { SetupPage } from '../setup/SetupPage';
import { TodayPage } from '../today/TodayPage';
import { navFor } from './nav';
import { Shell } from './Shell';

// Every page but the first ones a person sees loads when it is first opened, so the first screen's
// bundle stays small as pages (charts, PDFs) are added. `npm run bench` prints the sizes.
const AttendanceDashboard = lazy(() => import('../attendance/AttendanceDashboard'));
const AuditPage = lazy(() => import('../audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const CalendarPage = lazy(() => import('../calendar/CalendarPage').then((m) => ({ default: m.CalendarPage })));
const BoardPage = lazy(() => import('../placements/BoardPage').then((m) => ({ default: m.BoardPage })));
const ReferralsPage = lazy(() => import('../placements/ReferralsPage').then((m) => ({ default: m.ReferralsPage })));
const RegistersPage = lazy(() => import('../registers/RegistersPage').then((m) => ({ default: m.RegistersPage })));
const HomeSchoolSheetPage = lazy(() => import('../registers/HomeSchoolSheetPage').then((m) => ({ default: m.HomeSchoolSheetPage })));
const PupilPage = lazy(() => import('../pupils/PupilPage').then((m) => ({ default: m.PupilPage })));
const PlansPage = lazy(() => import('../plans/PlansPage').then((m) => ({ default: m.PlansPage })));
const PupilsPage = lazy(() => import('../pupils/PupilsPage').then((m) => ({ default: m.PupilsPage })));
const SchoolsPage = lazy(() => import('../schools/SchoolsPage').then((m) => ({ default: m.SchoolsPage })));
const ReportsPage = lazy(() => import('../reports/ReportsPage').then((m) => ({ default: m.ReportsPage })));
const SettingsPage = lazy(() => import('../settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const StaffPage = lazy(() => import('../staff/StaffPage').then((m) => ({ default: m.StaffPage })));
const DataAndBackupsPage = lazy(() => import('../backups/DataAndBackupsPage').then((m) => ({ default: m.DataAndBackupsPage })));
const MyActionsPage = lazy(() => import('../keywork/MyActionsPage'));
const ProfessionalsPage = lazy(() => import('../keywork/ProfessionalsPage'));

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
      <Suspense
        fallback={
          <Center p="xl">
            <Loader aria-label="Opening the page" />
          </Center>
        }
      >
        <Routes>
          <Route path="/" element={<TodayPage />} />
          <Route path="/registers" element={page('/registers', <RegistersPage />)} />
          <Route path="/registers/home-school" element={page('/registers', <HomeSchoolSheetPage />)} />
          <Route path="/registers/attendance" element={page('/registers', <AttendanceDashboard />)} />
          <Route path="/actions" element={page('/actions', <MyActionsPage />)} />
          <Route path="/professionals" element={page('/professionals', <ProfessionalsPage />)} />
          <Route path="/pupils" element={page('/pupils', <PupilsPage />)} />
          <Route path="/pupils/:id" element={page('/pupils', <PupilPage />)} />
          <Route path="/placements" element={page('/placements', <BoardPage />)} />
          <Route path="/referrals" element={page('/referrals', <ReferralsPage />)} />
          <Route path="/schools" element={page('/schools', <SchoolsPage />)} />
          <Route path="/calendar" element={page('/calendar', <CalendarPage />)} />
          <Route path="/plans" element={page('/plans', <PlansPage />)} />
          <Route path="/reports" element={page('/reports', <ReportsPage />)} />
          <Route path="/staff" element={page('/staff', <StaffPage />)} />
          <Route path="/audit" element={page('/audit', <AuditPage />)} />
          <Route path="/settings" element={page('/settings', <SettingsPage status={status.data} />)} />
          <Route path="/backups" element={page('/backups', <DataAndBackupsPage status={status.data} />)} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Suspense>
    </Shell>
  );
}
