import type { ExportState } from './useExportJob';

/** Progress of an export as a labelled bar, then where the file went. */
export function ExportProgress({ state, id }: { state: ExportState; id: string }) {
  if (state.phase === 'idle') return null;
  if (state.phase === 'failed') {
    return (
      <div role="alert" className="feedback feedback--error">
        <p>{state.message}</p>
      </div>
    );
  }
  if (state.phase === 'running') {
    return (
      <div className="export-progress">
        <label htmlFor={id}>{state.job.label}</label>
        <progress id={id} max={1} value={state.job.progress}>
          {Math.round(state.job.progress * 100)}%
        </progress>
        <span aria-live="polite">{Math.round(state.job.progress * 100)}%</span>
      </div>
    );
  }
  const d = state.delivery;
  return (
    <p role="status" className="feedback feedback--done">
      {state.job.message}{' '}
      {d.how === 'download' && (
        <>
          Downloaded as{' '}
          <a href={d.url} download={d.fileName}>
            {d.fileName}
          </a>
          .
        </>
      )}
      {d.how === 'saved' && <>Saved to {d.path}.</>}
      {d.how === 'cancelled' && <>Not saved: the save was cancelled.</>}
    </p>
  );
}
