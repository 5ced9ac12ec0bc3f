import { useCan } from '../accounts/sessionContext';
import { useState } from 'react';
import { quarterOf, shiftQuarter } from '../../../../shared/domain/quarter';
import { todayIso } from '../../../../shared/domain/dates';
import { NamedOptions } from '../../components/Options';
import { formatUkDateTime } from '../../components/formatting';
import { call } from '../../lib/api';
import { useChannel } from '../../lib/useChannel';
import { ExportProgress } from './ExportProgress';
import { ImportReturnForm } from './ImportReturnForm';
import { useExportJob } from './useExportJob';
import { usePageTitle } from '../../lib/pageTitle';
import { href } from '../../lib/route';

const STATUS_WORDS = { returned: 'Returned', nil: 'Nil return', missing: 'Missing' } as const;

export function ReturnsPage() {
  usePageTitle('Quarterly returns');
  const settings = useChannel('settings:get', {});
  const startMonth = settings.data?.quarterStartMonth ?? 4;
  const current = quarterOf(todayIso(), startMonth);
  const [quarterKey, setQuarterKey] = useState<string | null>(null);
  const quarter = quarterKey ?? current.key;
  const choices = Array.from({ length: 12 }, (_, i) => shiftQuarter(current.key, -i, startMonth));
  const status = useChannel('returns:status', { quarter });
  const agencies = useChannel('agencies:list', {});
  const [templateAgency, setTemplateAgency] = useState('all');
  const boardExport = useExportJob();
  const templateExport = useExportJob();
  const exportsReturns = useCan('exports:boardReturn');
  const exportsTemplates = useCan('exports:agencyTemplate');
  const importsReturns = useCan('returns:import');
  const importsRegister = useCan('legacy:import');

  return (
    <>
      <h1>Quarterly returns</h1>
      <p className="lede">Send the board’s return up, send each agency its template, and take in what the agencies send back.</p>
      <div className="field">
        <label htmlFor="returns-quarter">Quarter</label>
        <select id="returns-quarter" value={quarter} onChange={(e) => setQuarterKey(e.target.value)}>
          {choices.map((q) => (
            <option key={q.key} value={q.key}>
              {q.label}
            </option>
          ))}
        </select>
      </div>

      {exportsReturns && (
        <>
          <section aria-labelledby="board-return">
            <h2 id="board-return">The board’s quarterly return</h2>
            <p>
              A workbook with every learning-hub figure beside the previous quarter, a sheet per breakdown, and the register of the
              quarter’s escalations (case references and initials only).
            </p>
            <button
              type="button"
              disabled={boardExport.state.phase === 'running'}
              onClick={() => void boardExport.start(() => call('exports:boardReturn', { quarter }))}
            >
              Export the quarterly return
            </button>
            <ExportProgress state={boardExport.state} id="board-return-progress" />
          </section>
        </>
      )}

      {exportsTemplates && (
        <>
          <section aria-labelledby="templates">
            <h2 id="templates">Agency return templates</h2>
            <div className="form-row">
              <div className="field">
                <label htmlFor="template-agency">Template for</label>
                <select id="template-agency" value={templateAgency} onChange={(e) => setTemplateAgency(e.target.value)}>
                  <option value="all">All agencies (one workbook)</option>
                  <NamedOptions items={agencies.data ?? []} />
                </select>
              </div>
              <button
                type="button"
                disabled={templateExport.state.phase === 'running'}
                onClick={() =>
                  void templateExport.start(() =>
                    call('exports:agencyTemplate', { quarter, agencyId: templateAgency === 'all' ? null : Number(templateAgency) }),
                  )
                }
              >
                Export template
              </button>
            </div>
            <ExportProgress state={templateExport.state} id="template-progress" />
          </section>
        </>
      )}

      {importsReturns && (
        <section aria-labelledby="import">
          <h2 id="import">Import a completed return</h2>
          <ImportReturnForm onImported={status.reload} />
          {importsRegister && (
            <p className="hint">
              Bringing in the board’s own earlier register, rather than an agency’s return?{' '}
              <a href={href('escalations', 'import')}>Import a legacy register</a>.
            </p>
          )}
        </section>
      )}

      <section aria-labelledby="who-returned">
        <h2 id="who-returned">Who has returned for this quarter</h2>
        {status.data && (
          <>
            <p role="status">
              {status.data.agencies.filter((a) => a.status !== 'missing').length} of {status.data.agencies.length} agencies have returned;{' '}
              {status.data.agencies.filter((a) => a.status === 'nil').length} sent a nil return.
            </p>
            <table tabIndex={0}>
              <caption className="visually-hidden">Agency returns for {quarter}</caption>
              <thead>
                <tr>
                  <th scope="col">Agency</th>
                  <th scope="col">Return</th>
                  <th scope="col">Escalations</th>
                  <th scope="col">Imported</th>
                  <th scope="col">File</th>
                </tr>
              </thead>
              <tbody>
                {status.data.agencies.map((a) => (
                  <tr key={a.agencyId}>
                    <th scope="row">{a.name}</th>
                    <td>
                      <span className={`badge badge--${a.status}`}>{STATUS_WORDS[a.status]}</span>
                    </td>
                    <td>{a.status === 'returned' ? a.rows : '—'}</td>
                    <td>{a.importedAt ? formatUkDateTime(a.importedAt) : '—'}</td>
                    <td>{a.fileName ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </>
  );
}
