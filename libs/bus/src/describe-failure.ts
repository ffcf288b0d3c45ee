/** The reason recorded on a dead letter: the error's message, whatever was thrown. */
export function describeFailure(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') {
    return error.message;
  }
  return String(error);
}
