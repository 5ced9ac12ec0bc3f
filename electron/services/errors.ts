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
