import { z } from 'zod';
import { quarterKeySchema } from './quarter';

export const jobViewSchema = z.object({
  jobId: z.string(),
  label: z.string(),
  fileName: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  progress: z.number(),
  message: z.string(),
});
export type JobView = z.infer<typeof jobViewSchema>;

export const deliverySchema = z.discriminatedUnion('how', [
  z.object({ how: z.literal('download'), url: z.string(), fileName: z.string() }),
  z.object({ how: z.literal('saved'), path: z.string() }),
  z.object({ how: z.literal('cancelled') }),
]);
export type Delivery = z.infer<typeof deliverySchema>;

export const boardReturnExportInput = z.object({ quarter: quarterKeySchema });
export const templateExportInput = z.object({ quarter: quarterKeySchema, agencyId: z.number().int().positive().nullable().default(null) });
export const jobInput = z.object({ jobId: z.string().uuid('That is not an export job id') });

/** Workbooks travel as base64 inside the JSON of either bridge; 20 MB is far beyond any real return. */
export const MAX_RETURN_BYTES = 20 * 1024 * 1024;
export const returnImportInput = z.object({
  fileName: z.string().trim().min(1, 'Give the file name').max(255),
  contentBase64: z
    .string()
    .max(Math.ceil(MAX_RETURN_BYTES / 3) * 4 + 4, 'The file is over 20 MB: an agency return is far smaller. Check it is the right file.'),
  // Whether it is base64 is checked by the return reader on its worker thread, in plain words
  // (electron/services/returns/returnWorker.ts): a pattern test of 27 MB of text here would hold
  // up every other request for a quarter of a second.
});
