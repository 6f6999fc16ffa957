import type { AppError } from '../../preload/contract';

/**
 * An error the agent can act on: it crosses the contract as `{code, message}`
 * and the renderer turns the code into a sentence.
 */
export class AppFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: AppError['details'],
  ) {
    super(message);
    this.name = 'AppFailure';
  }

  toAppError(): AppError {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export const toAppError = (error: unknown): AppError => {
  if (error instanceof AppFailure) return error.toAppError();
  if (error && typeof error === 'object' && 'toAppError' in error && typeof error.toAppError === 'function') {
    return (error as { toAppError(): AppError }).toAppError();
  }
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
};
