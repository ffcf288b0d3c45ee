import { Clock } from '../../libs/domain/src/clock';

/**
 * The simulation's time: the harness hands it to the product as its clock and moves it forward
 * step by step, so a quarter of deadlines, tokens and alerts passes in minutes.
 */
export class VirtualClock extends Clock {
  constructor(private current: Date) {
    super();
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves to `to`; time never runs backwards in a simulation. */
  moveTo(to: Date): void {
    if (to.getTime() > this.current.getTime()) this.current = new Date(to);
  }
}
