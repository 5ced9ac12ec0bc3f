// The coordinator's access record: who opened which case, exported or imported which file, signed
// in or was refused, from which address. Filters, newest first, "Load more", and an Excel export
// of everything the filters match. Only the coordinator sees it (the map in shared/domain/access.ts).
import { useState, type FormEvent } from 'react';
import {
  ACCESS_KINDS,
  ACCESS_KIND_LABELS,
  type AccessEntry,
  type AccessKind,
  type AccessSearchInput,
} from '../../../../shared/domain/accessRecord';
import { describeAccess } from '../../../../shared/domain/versionedWrites';
import { Field } from '../../components/Field';
import { call } from '../../lib/api';
import { useChannel } from '../../lib/useChannel';
import { useCan } from '../accounts/sessionContext';
import { ExportProgress } from '../returns/ExportProgress';
import { useExportJob } from '../returns/useExportJob';
import { SessionsSection } from './SessionsSection';
import { usePageTitle } from '../../lib/pageTitle';
import { DateInput } from '../../components/DateInput';
import { ErrorSummary } from '../../components/ErrorSummary';

const PAGE = 50;
const WHEN = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/London' });

interface Filters {
  person: string;
  caseReference: string;
  from: string;
  to: string;
  kind: AccessKind | '';
}
const NO_FILTERS: Filters = { person: '', caseReference: '', from: '', to: '', kind: '' };

/** Only the filters given: an empty box means "any". */
function asSearch(f: Filters): Omit<AccessSearchInput, 'before' | 'limit'> {
  return {
    ...(f.person.trim() ? { person: f.person.trim() } : {}),
    ...(f.caseReference.trim() ? { caseReference: f.caseReference.trim() } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(f.kind ? { kind: f.kind } : {}),
  };
}

export function AccessRecordPage() {
  usePageTitle('Access record');
  const allowed = useCan('access:search');
  if (!allowed) {
    return (
      <>
        <h1>Access record</h1>
        <p>The access record is the coordinator’s: ask them if you need to know who opened a case.</p>
      </>
    );
  }
  return (
    <>
      <h1>Access record</h1>
      <p className="hint">
        Who opened which case, panel or pack, who exported, downloaded or imported which file, every change, and every sign-in (refused ones
        too), with the network address. Entries cannot be changed or deleted.
      </p>
      <SessionsSection />
      <AccessSearch />
    </>
  );
}

function AccessSearch() {
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const [more, setMore] = useState<{ key: string; entries: AccessEntry[]; nextBefore: number | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const exportJob = useExportJob();

  // The first page follows the filters; "Load more" pages are kept for the filters they were loaded under.
  const key = JSON.stringify(asSearch(applied));
  const first = useChannel('access:search', { ...asSearch(applied), limit: PAGE });
  const extra = more && more.key === key ? more : null;
  const entries = first.data ? [...first.data.entries, ...(extra?.entries ?? [])] : null;
  const nextBefore = extra ? extra.nextBefore : (first.data?.nextBefore ?? null);

  const loadMore = async (before: number) => {
    setBusy(true);
    setError(null);
    try {
      const page = await call('access:search', { ...asSearch(applied), limit: PAGE, before });
      setMore({ key, entries: [...(extra?.entries ?? []), ...page.entries], nextBefore: page.nextBefore });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const search = (event: FormEvent) => {
    event.preventDefault();
    setApplied({ ...draft });
  };
  const set = (key: keyof Filters) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  return (
    <section aria-labelledby="access-search">
      <h2 id="access-search">Search the record</h2>
      <form noValidate onSubmit={search} aria-label="Filter the access record">
        {/* Nothing here is refused by the desk: the summary is for a date that is not a real one. */}
        <ErrorSummary state={{ error: null }} />
        <div className="form-row">
          <Field label="Person (user name)">
            {(id) => <input id={id} value={draft.person} onChange={(e) => set('person')(e.target.value)} autoComplete="off" />}
          </Field>
          <Field label="Case reference">
            {(id) => (
              <input id={id} value={draft.caseReference} onChange={(e) => set('caseReference')(e.target.value)} autoComplete="off" />
            )}
          </Field>
          <DateInput legend="From" value={draft.from} onChange={set('from')} />
          <DateInput legend="To" value={draft.to} onChange={set('to')} />
          <Field label="What">
            {(id) => (
              <select id={id} value={draft.kind} onChange={(e) => set('kind')(e.target.value)}>
                <option value="">Anything</option>
                {ACCESS_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {ACCESS_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="form-row">
          <button type="submit">Search</button>
          <button
            type="button"
            className="button--secondary"
            onClick={() => {
              setDraft(NO_FILTERS);
              setApplied(NO_FILTERS);
            }}
          >
            Clear filters
          </button>
          <button
            type="button"
            className="button--secondary"
            disabled={exportJob.state.phase === 'running'}
            onClick={() => void exportJob.start(() => call('access:export', asSearch(applied)))}
          >
            Export to Excel
          </button>
        </div>
      </form>
      <ExportProgress state={exportJob.state} id="access-export-progress" />
      {(error ?? first.error?.message) && <p role="alert">{error ?? first.error?.message}</p>}
      {entries && entries.length === 0 && <p role="status">No entries match these filters.</p>}
      {entries && entries.length > 0 && (
        <table tabIndex={0}>
          <caption>Access record, newest first ({entries.length.toLocaleString('en-GB')} shown)</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Person</th>
              <th scope="col">Address</th>
              <th scope="col">Via</th>
              <th scope="col">What</th>
              <th scope="col">Case</th>
              <th scope="col">Record</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{WHEN.format(new Date(e.at))}</td>
                <td>
                  {e.displayName}
                  {e.userName !== null && <span className="muted"> ({e.userName})</span>}
                </td>
                <td>{e.address ?? <span className="muted">this computer</span>}</td>
                <td>{e.via}</td>
                <td>{describeAccess(e.kind, e.channel)}</td>
                <td>{e.caseReference ?? ''}</td>
                <td>{e.record ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextBefore !== null && (
        <button type="button" className="button--secondary" disabled={busy} onClick={() => void loadMore(nextBefore)}>
          Load more
        </button>
      )}
    </section>
  );
}
