// Legacy register imports under way, for the screen's progress bar and its Cancel button. One at
// a time: the import holds the register's writer for its length (db/writeHold.ts).
import { randomUUID } from 'node:crypto';
import type { LegacyJob } from '../../../shared/domain/legacyRegister';
import { NotFoundError } from '../errors';

interface Job extends LegacyJob {
  cancelRequested: boolean;
}

export class LegacyImportJobs {
  private readonly jobs = new Map<string, Job>();

  /** Starts `run`, which reports its progress and asks whether it was cancelled; returns at once. */
  start(
    fileName: string,
    run: (job: {
      progress(done: number, of: number): void;
      cancelled(): boolean;
    }) => Promise<{ imported: number; skipped: number; message: string }>,
  ): LegacyJob {
    const job: Job = {
      jobId: randomUUID(),
      fileName,
      state: 'running',
      progress: 0,
      message: `Importing “${fileName}”: starting…`,
      imported: 0,
      skipped: 0,
      cancelRequested: false,
    };
    this.jobs.set(job.jobId, job);
    run({
      progress: (done, of) => {
        job.progress = of === 0 ? 1 : done / of;
        job.message = `Importing “${fileName}”: ${done.toLocaleString('en-GB')} of ${of.toLocaleString('en-GB')} cases written…`;
      },
      cancelled: () => job.cancelRequested,
    }).then(
      (done) => Object.assign(job, { state: 'done', progress: 1, imported: done.imported, skipped: done.skipped, message: done.message }),
      (error: unknown) =>
        Object.assign(job, {
          state: job.cancelRequested ? 'cancelled' : 'failed',
          message: job.cancelRequested
            ? `The import of “${fileName}” was cancelled. Nothing from it was kept: the register is as it was.`
            : `${error instanceof Error ? error.message : String(error)}`,
        }),
    );
    return this.view(job);
  }

  /** Whether an import is being written (a restore waits for it). */
  running(): number {
    return [...this.jobs.values()].filter((j) => j.state === 'running').length;
  }

  status(jobId: string): LegacyJob {
    return this.view(this.get(jobId));
  }

  cancel(jobId: string): LegacyJob {
    const job = this.get(jobId);
    if (job.state === 'running') {
      job.cancelRequested = true;
      job.message = `Cancelling the import of “${job.fileName}”…`;
    }
    return this.view(job);
  }

  private get(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new NotFoundError('That import is no longer known to the app: check the register to see whether it finished.');
    return job;
  }

  private view(job: Job): LegacyJob {
    return {
      jobId: job.jobId,
      fileName: job.fileName,
      state: job.state,
      progress: job.progress,
      message: job.message,
      imported: job.imported,
      skipped: job.skipped,
    };
  }
}
