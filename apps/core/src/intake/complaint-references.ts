import { Inject, Injectable, Logger } from '@nestjs/common';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { deriveReference, type NewComplaint } from '@plaint/domain';
import type { StoreSession } from '../store/core-store';

/** References are derived, so two messages could in theory meet on one; this redraws until free. */
@Injectable()
export class ComplaintReferences {
  private readonly logger = new Logger(ComplaintReferences.name);

  constructor(@Inject(PLAINT_CONFIG) private readonly config: PlaintConfig) {}

  /** Gives every complaint a reference no stored complaint and no other of them has. */
  async makeUnique(store: StoreSession, complaints: NewComplaint[]): Promise<void> {
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const seen = await store.complaints.takenReferences(complaints.map((c) => c.reference));
      let clashes = 0;
      for (const complaint of complaints) {
        if (seen.has(complaint.reference)) {
          complaint.reference = deriveReference(this.config.referenceSecret, `${complaint.id}`, attempt);
          clashes += 1;
        }
        seen.add(complaint.reference);
      }
      if (clashes === 0) return;
      this.logger.warn(`reference collision redrawn (${clashes})`);
    }
    throw new Error('could not draw free complaint references');
  }
}
