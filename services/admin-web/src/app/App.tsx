import { isRole, mayFire } from '@pengaduan/sop';
import { useMemo, type ReactElement } from 'react';
import { I18nProvider } from '../i18n/i18n';
import { AccountsPage } from '../pages/AccountsPage';
import { AdminLogPage } from '../pages/admin/AdminLogPage';
import { MessageTemplatesPage } from '../pages/admin/MessageTemplatesPage';
import { OfficeProfilePage } from '../pages/admin/OfficeProfilePage';
import { SectionsPage } from '../pages/admin/SectionsPage';
import { SlaPolicyPage } from '../pages/admin/SlaPolicyPage';
import { ChangePasswordPage } from '../pages/ChangePasswordPage';
import { ComplaintListPage } from '../pages/ComplaintListPage';
import { ComplaintPage } from '../pages/ComplaintPage';
import { DashboardPage } from '../pages/DashboardPage';
import { GuidePage } from '../pages/GuidePage';
import { HomePage } from '../pages/HomePage';
import { WorklistPage } from '../pages/WorklistPage';
import { LoginPage } from '../pages/LoginPage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { ProcessingRecordPage } from '../pages/ProcessingRecordPage';
import { CallTasksPage } from '../pages/queues/CallTasksPage';
import { LaporPostingsPage } from '../pages/queues/LaporPostingsPage';
import { ProblemMessagesPage } from '../pages/queues/ProblemMessagesPage';
import { DataRequestsPage } from '../pages/queues/DataRequestsPage';
import { DeadLettersPage } from '../pages/queues/DeadLettersPage';
import { EscalationsPage } from '../pages/queues/EscalationsPage';
import { ReportPage } from '../pages/ReportPage';
import { SecondFactorPage } from '../pages/SecondFactorPage';
import { TrackPage } from '../pages/TrackPage';
import { AuthProvider, useAuth } from './auth';
import { Layout } from './Layout';
import { isOfficerRoute, loginPath, matchRoute, ROUTES } from './routes';
import { Redirect, RouterProvider, useRouter } from './router';

export function App() {
  return (
    <RouterProvider>
      <I18nProvider>
        <AuthProvider>
          <Layout>
            <CurrentPage />
          </Layout>
        </AuthProvider>
      </I18nProvider>
    </RouterProvider>
  );
}

/** Whether libs/sop lets the officer's role register a complaint (the "receive" command): Admin Tikkim. */
function mayRegister(user: { id: string; role: string } | undefined): boolean {
  if (!user || !isRole(user.role)) return false;
  return mayFire({ kind: 'user', userId: user.id, role: user.role }, 'receive');
}

/** The work queues' pages (`lib/work-queues.ts`). */
const QUEUE_PAGES: Readonly<Partial<Record<string, () => ReactElement>>> = {
  callTasks: CallTasksPage,
  laporPostings: LaporPostingsPage,
  escalations: EscalationsPage,
  problemMessages: ProblemMessagesPage,
  dataRequests: DataRequestsPage,
  deadLetters: DeadLettersPage,
};

/** The office administration's pages (docs/adr/0042): its officers (`accounts`), sections and log. */
const ADMIN_PAGES: Readonly<Partial<Record<string, () => ReactElement>>> = { accounts: AccountsPage, adminSections: SectionsPage, adminLog: AdminLogPage, adminTemplates: MessageTemplatesPage, adminProfile: OfficeProfilePage, adminSla: SlaPolicyPage };

function CurrentPage() {
  const { location } = useRouter();
  const { session } = useAuth();
  const match = useMemo(() => matchRoute(location.pathname), [location.pathname]);

  if (isOfficerRoute(match) && !session) return <Redirect to={loginPath(location.pathname + location.search)} />;
  const TablePage = ADMIN_PAGES[match.name] ?? QUEUE_PAGES[match.name];
  if (TablePage) return <TablePage />;
  switch (match.name) {
    case 'home':
      return session ? <Redirect to={ROUTES.worklist} /> : <HomePage />;
    case 'report':
      return <ReportPage />;
    case 'track':
      return <TrackPage />;
    case 'login':
      return <LoginPage />;
    case 'worklist':
      return <WorklistPage canRegister={mayRegister(session?.user)} />;
    case 'complaints':
      return <ComplaintListPage />;
    case 'complaint':
      return <ComplaintPage key={match.id} id={match.id} />;
    case 'dashboard':
      return <DashboardPage />;
    case 'changePassword':
      return <ChangePasswordPage />;
    case 'secondFactor':
      return <SecondFactorPage />;
    case 'processingRecord':
      return <ProcessingRecordPage />;
    case 'guide':
      return <GuidePage />;
    case 'notFound':
      return <NotFoundPage />;
  }
}
