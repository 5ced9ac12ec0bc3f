import type { Delivery } from '../../../shared/domain/exports';
import type { TaskContext } from '../context';
import type { ExportJobs } from './jobs';

export interface ExportEnvironment {
  version: string;
  exports: ExportJobs;
  /** The front door's way to hand a finished file to the person: a save dialog, or a download. */
  deliverExport(ctx: TaskContext, job: { jobId: string; file: string; fileName: string }): Promise<Delivery>;
}
