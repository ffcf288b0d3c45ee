import { Writable } from 'node:stream';

/** Collects the JSON log lines a started Plaint writes, for a test to read. */
export class LogSink extends Writable {
  text = '';

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}
