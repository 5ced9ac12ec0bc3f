import type { Problem } from '../../shared/result';

/** A refusal a person can act on: the message is shown as it is, so it names the thing and says what to do. */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {}

/** A write based on an older version of the record than the one stored: someone else changed it first. */
export class StaleRecordError extends DomainError {
  constructor(
    message: string,
    readonly currentVersion: number,
  ) {
    super(message);
    this.name = 'StaleRecordError';
  }
}
