import type { PinoLogger } from '@plaint/observability';
import type { RunningPlaint } from './bootstrap';

const SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * Stops the process cleanly on SIGTERM or SIGINT, within `graceSeconds`: readiness fails at
 * once, the work in flight finishes (consumed batches committed, outbox and notices, mailbox
 * pollers), socket.io clients are disconnected so they reconnect to another pod, HTTP closes;
 * then exit 0. Past the grace it logs what is still pending and exits 1, before Kubernetes
 * would kill it (terminationGracePeriodSeconds must exceed preStop + this grace). Returns a
 * function that removes the handlers.
 */
export function stopOnSignals(
  running: Pick<RunningPlaint, 'shutdown' | 'pending'>,
  graceSeconds: number,
  logger: Pick<PinoLogger, 'log' | 'warn' | 'error'>,
  exit: (code: number) => void = (code) => process.exit(code),
): () => void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn(`${signal} again: already stopping (gives up ${graceSeconds} s after the first signal)`, 'Shutdown');
      return;
    }
    stopping = true;
    const began = Date.now();
    logger.log(`${signal}: stopping; not ready from now on; finishing the work in flight (at most ${graceSeconds} s)`, 'Shutdown');
    const overrun = setTimeout(() => {
      logger.error(`not stopped after ${graceSeconds} s (PLAINT_SHUTDOWN_GRACE_SECONDS); still pending: ${running.pending().join('; ')}; exiting`, 'Shutdown');
      exit(1);
    }, graceSeconds * 1000);
    running.shutdown().then(
      () => {
        clearTimeout(overrun);
        logger.log(`stopped cleanly in ${Date.now() - began} ms`, 'Shutdown');
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(overrun);
        logger.error(`stopping failed: ${(error as Error).stack ?? String(error)}`, 'Shutdown');
        exit(1);
      },
    );
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return () => {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
}
