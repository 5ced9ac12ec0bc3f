// Exports run in the background so a 100,000-row return can show progress: each job writes one
// file into the data folder's exports/ room, which the front door then hands to the person
// (a save dialog on the desktop, a download in the web mode).
import { randomUUID } from 'node:crypto';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { privateFile, privateFolder } from '../../db/fileModes';
import { DomainError, NotFoundError } from '../errors';

export type JobState = 'running' | 'done' | 'failed';

export interface JobView {
  jobId: string;
  label: string;
  fileName: string;
  state: JobState;
  progress: number;
  message: string;
}

interface Job extends JobView {
  file: string;
}

export class ExportJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly folder: string) {
    // Files left by an earlier run were delivered or abandoned: they hold case references, so go.
    // Owner-only (fileModes.ts): every local user could otherwise read a return while it waits here.
    privateFolder(folder);
    for (const name of readdirSync(folder)) rmSync(join(folder, name), { force: true, recursive: true });
  }

  start(label: string, fileName: string, work: (file: string, onProgress: (fraction: number) => void) => Promise<string>): JobView {
    const jobId = randomUUID();
    const job: Job = {
      jobId,
      label,
      fileName,
      state: 'running',
      progress: 0,
      message: `${label}: starting…`,
      file: join(this.folder, `${jobId}.xlsx`),
    };
    this.jobs.set(jobId, job);
    work(job.file, (fraction) => {
      job.progress = Math.max(job.progress, Math.min(1, fraction));
      job.message = `${label}: ${Math.round(job.progress * 100)}%`;
    }).then(
      (summary) => {
        // The writers make the file with the default mode; in a 0700 folder nobody else reached it meanwhile.
        privateFile(job.file);
        job.state = 'done';
        job.progress = 1;
        job.message = summary;
      },
      (error: unknown) => {
        job.state = 'failed';
        job.message =
          error instanceof DomainError
            ? error.message
            : `${label} failed: ${error instanceof Error ? error.message : String(error)}. Nothing was changed.`;
        rmSync(job.file, { force: true });
      },
    );
    return this.view(job);
  }

  /** How many exports are still being written (a restore waits for them). */
  running(): number {
    let n = 0;
    for (const job of this.jobs.values()) if (job.state === 'running') n += 1;
    return n;
  }

  status(jobId: string): JobView {
    return this.view(this.get(jobId));
  }

  /** The finished file, for the front door to hand over. */
  finished(jobId: string): { file: string; fileName: string } {
    const job = this.get(jobId);
    if (job.state !== 'done') throw new DomainError(job.state === 'running' ? 'The export is still being written.' : job.message);
    return { file: job.file, fileName: job.fileName };
  }

  forget(jobId: string): void {
    const job = this.jobs.get(jobId);
    if (job) rmSync(job.file, { force: true });
    this.jobs.delete(jobId);
  }

  private get(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new NotFoundError('That export is no longer available: start it again.');
    return job;
  }

  private view(job: Job): JobView {
    return { jobId: job.jobId, label: job.label, fileName: job.fileName, state: job.state, progress: job.progress, message: job.message };
  }
}
