/** A failure the core or the agent should hear about, named by a code the UI translates. */
export class MediaError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What a getUserMedia failure means to the agent. */
export const microphoneError = (error: unknown): MediaError => {
  const name = (error as { name?: string }).name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return new MediaError('MIC_DENIED', 'The microphone is blocked for this app');
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return new MediaError('MIC_MISSING', 'No microphone was found');
  if (name === 'NotReadableError') return new MediaError('MIC_BUSY', 'The microphone is in use by another program');
  return new MediaError('MIC_FAILED', (error as Error).message ?? String(error));
};
