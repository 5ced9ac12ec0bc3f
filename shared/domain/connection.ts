// Where the desktop app's records are (issue 15): on this computer, as always, or on the board's
// server, reached over HTTPS with its certificate pinned by the SHA-256 fingerprint the server
// prints when it starts. The same checks serve the first-start screen, the kept file and the flags.
import { z } from 'zod';

/** A fingerprint as the server prints it and browsers show it: 32 colon-separated upper-case hex pairs. */
export const FINGERPRINT_PATTERN = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

/** Accepts the fingerprint as printed, or typed without colons, with spaces, or in lower case. */
export const fingerprintSchema = z
  .string({ error: 'Give the certificate’s SHA-256 fingerprint' })
  .transform((raw) =>
    raw
      .replace(/^sha-?256:?\s*/i, '')
      .replace(/[\s:]/g, '')
      .toUpperCase(),
  )
  .refine((hex) => /^[0-9A-F]{64}$/.test(hex), {
    message: 'The fingerprint is 64 hexadecimal characters (as the board server prints it: AB:CD:… in 32 pairs). Copy it whole.',
  })
  .transform((hex) => hex.match(/../g)!.join(':'));

/** The server's address: HTTPS only, no path beyond "/", no credentials in it. */
export const serverUrlSchema = z
  .string({ error: 'Give the board server’s address' })
  .trim()
  .min(1, 'Give the board server’s address, as https://name:port')
  .transform((raw, ctx) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: `“${raw.slice(0, 80)}” is not an address: write it as https://name:port` });
      return z.NEVER;
    }
    if (url.protocol !== 'https:') {
      ctx.addIssue({ code: 'custom', message: 'The board server speaks HTTPS only: the address starts https://' });
      return z.NEVER;
    }
    if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
      ctx.addIssue({ code: 'custom', message: 'Give the server’s address alone (https://name:port), without a path, query or user name.' });
      return z.NEVER;
    }
    return url.origin;
  });

export const connectionChoiceSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('local') }).strict(),
  z.object({ mode: z.literal('server'), url: serverUrlSchema, fingerprint: fingerprintSchema }).strict(),
]);
export type ConnectionChoice = z.output<typeof connectionChoiceSchema>;

/** What the window is told: where its records are, and (connected) whether the server answers now. */
export const connectionViewSchema = z.discriminatedUnion('mode', [
  /** The desktop app's first start: nothing chosen yet (problem: the kept choice could not be read, in plain words). */
  z.object({ mode: z.literal('unchosen'), problem: z.string().nullable() }),
  z.object({ mode: z.literal('local') }),
  z.object({
    mode: z.literal('server'),
    url: z.string(),
    fingerprint: z.string(),
    reachable: z.boolean(),
    /** Why not, in plain words (null when it answered). */
    problem: z.string().nullable(),
  }),
  /** The web mode and the board server: this page is served by the server that holds the records. */
  z.object({ mode: z.literal('served') }),
]);
export type ConnectionView = z.infer<typeof connectionViewSchema>;

/**
 * What the main process tells a connected desktop window about the board server's change stream
 * (the same two events a page in a browser reads for itself): something changed, or contact was
 * lost or is back. Carries no record, only that the window should read its screens again.
 */
export const BOARD_FEED_CHANNEL = 'board:feed';
export type BoardFeedEvent = { kind: 'changed' } | { kind: 'lost'; since: string } | { kind: 'back'; at: string };
