import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { Loading } from '../ui/Loading';
import type { Permission } from './auth';
import { AppLayout } from './AppLayout';
import { RequireAuth, RequirePermission } from './guards';
import { RouteErrorPage } from './RouteErrorPage';

/** A code-split page: its module loads the first time it is shown. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const LoginPage = page(() => import('./LoginPage'), 'LoginPage');
const HomePage = page(() => import('./HomePage'), 'HomePage');
const NotFoundPage = page(() => import('./NotFoundPage'), 'NotFoundPage');
const AccountPage = page(() => import('../account/AccountPage'), 'AccountPage');
const FindBedPage = page(() => import('../find-bed/FindBedPage'), 'FindBedPage');
const PatientsPage = page(() => import('../patients/PatientsPage'), 'PatientsPage');
const NewPatientPage = page(() => import('../patients/NewPatientPage'), 'NewPatientPage');
const EmergencyAccessPage = page(() => import('../patients/EmergencyAccessPage'), 'EmergencyAccessPage');
const PatientPage = page(() => import('../patients/PatientPage'), 'PatientPage');
const AdmitPage = page(() => import('../patients/MoveToWardPage'), 'AdmitPage');
const TransferPage = page(() => import('../patients/MoveToWardPage'), 'TransferPage');
const DischargePage = page(() => import('../patients/DischargePage'), 'DischargePage');
const CorrectDetailsPage = page(() => import('../patients/CorrectDetailsPage'), 'CorrectDetailsPage');
const DirectoryPage = page(() => import('../directory/DirectoryPage'), 'DirectoryPage');
const PrivacyPage = page(() => import('../privacy/PrivacyPage'), 'PrivacyPage');
const PlanningPage = page(() => import('../planning/PlanningPage'), 'PlanningPage');
const ReferralsHomePage = page(() => import('../referrals/ReferralBoardPage'), 'ReferralsHomePage');
const NewReferralPage = page(() => import('../referrals/NewReferralPage'), 'NewReferralPage');
const ReferralPage = page(() => import('../referrals/ReferralPage'), 'ReferralPage');
const MeasuresPage = page(() => import('../referrals/measures/MeasuresPage'), 'MeasuresPage');
const PrisonReturnsPage = page(() => import('../referrals/returns/PrisonReturnsPage'), 'PrisonReturnsPage');
const UsersPage = page(() => import('../users/UsersPage'), 'UsersPage');
const NewUserPage = page(() => import('../users/NewUserPage'), 'NewUserPage');
const UserPage = page(() => import('../users/UserPage'), 'UserPage');

const allowed = (permission: Permission, element: ReactNode) => <RequirePermission permission={permission}>{element}</RequirePermission>;

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Suspense fallback={<Loading />}>
        <LoginPage />
      </Suspense>
    ),
    errorElement: <RouteErrorPage />,
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'find-a-bed', element: allowed('beds:read', <FindBedPage />) },
      { path: 'patients', element: allowed('patients:read', <PatientsPage />) },
      { path: 'patients/new', element: allowed('patients:write', <NewPatientPage />) },
      { path: 'patients/emergency-access', element: allowed('patients:read', <EmergencyAccessPage />) },
      { path: 'patients/:id', element: allowed('patients:read', <PatientPage />) },
      { path: 'patients/:id/admit', element: allowed('patients:write', <AdmitPage />) },
      { path: 'patients/:id/transfer', element: allowed('patients:write', <TransferPage />) },
      { path: 'patients/:id/discharge', element: allowed('patients:write', <DischargePage />) },
      { path: 'patients/:id/details', element: allowed('patients:write', <CorrectDetailsPage />) },
      { path: 'directory', element: allowed('directory:read', <DirectoryPage />) },
      { path: 'privacy', element: allowed('audit:read', <PrivacyPage />) },
      { path: 'planning', element: allowed('planning:run', <PlanningPage />) },
      // Referrals: the board checks its own permission, sending aggregate-only roles to the measures.
      { path: 'referrals', element: <ReferralsHomePage /> },
      { path: 'referrals/new', element: allowed('referrals:write', <NewReferralPage />) },
      { path: 'referrals/measures', element: allowed('referrals:measures', <MeasuresPage />) },
      { path: 'referrals/prison-returns', element: allowed('referrals:read', <PrisonReturnsPage />) },
      { path: 'referrals/:id', element: allowed('referrals:read', <ReferralPage />) },
      { path: 'users', element: allowed('users:admin', <UsersPage />) },
      { path: 'users/new', element: allowed('users:admin', <NewUserPage />) },
      { path: 'users/:id', element: allowed('users:admin', <UserPage />) },
      { path: 'account', element: <AccountPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
