// The learning hub's quarter (#/dashboard, #/dashboard/2026-Q3): every figure the sub-group
// reports, shaped by the dashboard:quarter channel, each opening the register on its cases.
import { todayIso } from '../../../../shared/domain/dates';
import { quarterKeySchema, quarterOf } from '../../../../shared/domain/quarter';
import { useChannel } from '../../lib/useChannel';
import { AgencyPanels } from './AgencyPanels';
import { CaseMixPanels } from './CaseMixPanels';
import { ChairOutcomePanels } from './ChairOutcomePanels';
import { HeadlineCards } from './HeadlineCards';
import { LearningPanels } from './LearningPanels';
import { PairMatrix } from './PairMatrix';
import { QuarterPicker } from './QuarterPicker';
import { SafetyPanels } from './SafetyPanels';
import { TimelinessPanels } from './TimelinessPanels';
import { TrendPanel } from './TrendPanel';
import { usePageTitle } from '../../lib/pageTitle';

export function DashboardPage({ quarterKey }: { quarterKey?: string }) {
  usePageTitle(quarterKey ? `Learning hub, ${quarterKey}` : 'Learning hub');
  const settings = useChannel('settings:get', {});
  const asked = quarterKey && quarterKeySchema.safeParse(quarterKey).success ? quarterKey : null;
  return (
    <>
      <h1>Learning hub</h1>
      <p className="lede">
        The quarter’s escalations, board-level and agency-internal, for the quality and learning sub-group. Each figure is compared with the
        quarter before; choose a figure, a bar or a cell to open the register on exactly those cases.
      </p>
      {quarterKey && !asked && (
        <p role="alert" className="warning">
          “{quarterKey}” is not a quarter. Quarters are written like 2026-Q3; showing the current quarter instead.
        </p>
      )}
      {settings.error && <p role="alert">{settings.error.message}</p>}
      {settings.data && (
        <QuarterFigures
          quarterKey={asked ?? quarterOf(todayIso(), settings.data.quarterStartMonth).key}
          currentKey={quarterOf(todayIso(), settings.data.quarterStartMonth).key}
          startMonth={settings.data.quarterStartMonth}
        />
      )}
    </>
  );
}

function QuarterFigures({ quarterKey, currentKey, startMonth }: { quarterKey: string; currentKey: string; startMonth: number }) {
  const dashboard = useChannel('dashboard:quarter', { quarter: quarterKey });
  const d = dashboard.data;
  return (
    <>
      <QuarterPicker
        quarterKey={quarterKey}
        currentKey={currentKey}
        startMonth={startMonth}
        asOf={d && !dashboard.loading ? d.asOf : null}
        comparedWith={d ? d.previousQuarter.label : null}
      />
      {dashboard.error && <p role="alert">{dashboard.error.message}</p>}
      {d && (
        <div className="dashboard" aria-busy={dashboard.loading}>
          <HeadlineCards d={d} />
          <div className="dash-grid">
            <TrendPanel d={d} />
            <AgencyPanels d={d} />
            <PairMatrix d={d} />
            <CaseMixPanels d={d} />
            <TimelinessPanels d={d} />
            <SafetyPanels d={d} />
            <ChairOutcomePanels d={d} />
            <LearningPanels d={d} />
          </div>
        </div>
      )}
    </>
  );
}
