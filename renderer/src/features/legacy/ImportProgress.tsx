import type { LegacyJob } from '../../../../shared/domain/legacyRegister';
import { href } from '../../lib/route';

/** An import under way as a labelled bar with the desk's words and a way to stop it; then how it ended. */
export function ImportProgress({ job, onCancel }: { job: LegacyJob; onCancel: () => void }) {
  const percent = Math.round(job.progress * 100);
  if (job.state === 'running')
    return (
      <div className="stack">
        <div className="export-progress">
          <label htmlFor="legacy-import-progress">{`Importing “${job.fileName}”`}</label>
          <progress id="legacy-import-progress" max={1} value={job.progress}>
            {percent}%
          </progress>
          <span>{percent}%</span>
        </div>
        <p role="status">{job.message}</p>
        <p>
          <button type="button" className="button--secondary" onClick={onCancel}>
            Cancel import
          </button>
        </p>
      </div>
    );
  if (job.state === 'done')
    return (
      <div role="status" className="feedback feedback--done">
        <p>{job.message}</p>
        <p>
          <a href={href('escalations')}>Open the register</a>
        </p>
      </div>
    );
  if (job.state === 'cancelled')
    return (
      <p role="status" className="warning">
        {job.message}
      </p>
    );
  return (
    <div role="alert" className="feedback feedback--error">
      <p>{job.message}</p>
      <p>Nothing from the file was kept. Check the file again, then import it again.</p>
    </div>
  );
}
