// Domain errors: services throw one by its catalogue code (contract/src/errors.ts) and never
// know about HTTP; the API's error handler turns it into the contract's body and status.
import { ERRORS, type ErrorCode } from '@meiduo/contract/errors';

export type { ErrorCode } from '@meiduo/contract/errors';

export interface Failure {
  code: ErrorCode;
  /** E1: report under this field instead of the entry's own. */
  field?: string;
  /** Values for `{name}` in the entry's text. */
  params?: Record<string, string>;
}

export class DomainError extends Error {
  /** Seconds before trying again is worth it (throttles). */
  readonly retryAfter?: number;

  constructor(
    readonly failures: [Failure, ...Failure[]],
    options: { retryAfter?: number } = {},
  ) {
    super(failures.map((failure) => failure.code).join(', '));
    this.retryAfter = options.retryAfter;
  }

  get code(): ErrorCode {
    return this.failures[0].code;
  }

  get status(): number {
    return ERRORS[this.code].status;
  }
}

/** The domain error for one code. */
export function fail(code: ErrorCode, failure: Omit<Failure, 'code'> = {}, options: { retryAfter?: number } = {}): DomainError {
  return new DomainError([{ code, ...failure }], options);
}

/** E1 errors of several fields, collected the way a DRF serializer reports every failing field. */
export class FieldErrors {
  private readonly failures: Failure[] = [];

  add(code: ErrorCode | undefined, field?: string, params?: Record<string, string>): this {
    if (code) this.failures.push({ code, field, params });
    return this;
  }

  throwIfAny(): void {
    const [first, ...rest] = this.failures;
    if (first) throw new DomainError([first, ...rest]);
  }
}
