// Each screen is its own chunk, loaded when it is first opened: the sign-in screen needs none of
// them, and recharts goes only with the learning hub's dashboard. One bundle of every screen made
// the first screen wait for about a megabyte of script (docs/BENCHMARKS.md, "First screen").
import { lazy } from 'react';

// The screens export by name, so each lazy() picks its export out of the loaded module.
export const AgencyDirectoryPage = lazy(() =>
  import('../features/agencies/AgencyDirectoryPage').then((m) => ({ default: m.AgencyDirectoryPage })),
);
export const AgencyPage = lazy(() => import('../features/agencies/AgencyPage').then((m) => ({ default: m.AgencyPage })));
export const DashboardPage = lazy(() => import('../features/dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })));
export const DeadlinesPage = lazy(() => import('../features/deadlines/DeadlinesPage').then((m) => ({ default: m.DeadlinesPage })));
export const CasePage = lazy(() => import('../features/escalations/CasePage').then((m) => ({ default: m.CasePage })));
export const NewEscalationPage = lazy(() =>
  import('../features/escalations/NewEscalationPage').then((m) => ({ default: m.NewEscalationPage })),
);
export const RegisterPage = lazy(() => import('../features/escalations/RegisterPage').then((m) => ({ default: m.RegisterPage })));
export const PanelsRoute = lazy(() => import('../features/panels/PanelsRoute').then((m) => ({ default: m.PanelsRoute })));
export const SettingsPage = lazy(() => import('../features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));
export const ReturnsPage = lazy(() => import('../features/returns/ReturnsPage').then((m) => ({ default: m.ReturnsPage })));
export const AccountsPage = lazy(() => import('../features/accounts/AccountsPage').then((m) => ({ default: m.AccountsPage })));
export const RetentionPage = lazy(() => import('../features/retention/RetentionPage').then((m) => ({ default: m.RetentionPage })));
export const AccessRecordPage = lazy(() => import('../features/access/AccessRecordPage').then((m) => ({ default: m.AccessRecordPage })));
export const BackupsPage = lazy(() => import('../features/recovery/BackupsPage').then((m) => ({ default: m.BackupsPage })));
export const LegacyImportPage = lazy(() => import('../features/legacy/LegacyImportPage').then((m) => ({ default: m.LegacyImportPage })));
