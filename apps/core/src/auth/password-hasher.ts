import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

/** Agent passwords: argon2id, nothing else. */
@Injectable()
export class PasswordHasher {
  private nobodysHash: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    // Only our own argon2id hashes count; anything else in the column never matches.
    if (!hash.startsWith('$argon2id$')) return false;
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /**
   * Spends the time a real check would for a user who does not exist, so the answer's timing
   * does not tell which usernames are real. Always false.
   */
  async verifyNobody(password: string): Promise<false> {
    this.nobodysHash ??= this.hash(randomBytes(32).toString('base64url'));
    await this.verify(await this.nobodysHash, password);
    return false;
  }
}
