// Who is told that the records changed: the board server's event streams (so other people's open
// screens re-read), and later any other front door that wants to know. Transport-neutral: a list of
// listeners and a running number, nothing of HTTP or Electron. A change says which channel made it
// and nothing of what it wrote (no case data travels to the listeners).

/** One committed change: its running number (per desk process) and the channel whose write made it. */
export interface Change {
  seq: number;
  channel: string;
}

export type ChangeListener = (change: Change) => void;

export interface ChangeFeed {
  /** Calls `listener` after every committed change; returns the way to stop. */
  subscribe(listener: ChangeListener): () => void;
}

export class Changes implements ChangeFeed {
  private seq = 0;
  private readonly listeners = new Set<ChangeListener>();

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Called once a write has committed. A listener that throws is not allowed to stop the others (nor the write's answer). */
  publish(channel: string): void {
    this.seq += 1;
    const change: Change = { seq: this.seq, channel };
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch {
        // A listener's fault is its own: the write has committed and its caller gets its answer.
      }
    }
  }

  get listening(): number {
    return this.listeners.size;
  }
}
