import { Writable } from 'node:stream';
import { PinoLogger } from './pino-logger';

/** A logger writing into an array of parsed JSON lines. */
function capture(level = 'debug') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: new PinoLogger(level, destination), output: () => lines.join('\n') };
}

describe('PinoLogger and personal data', () => {
  it('redacts personal fields of logged objects, however deep', () => {
    const { logger, output } = capture();
    logger.log({ complaint: { reference: 'K7M4-Q9XD-2PTA', fullName: 'Leyla Əliyeva', email: 'leyla@mail.az', text: 'soyuducu işləmir' } }, 'Test');
    logger.debug({ fullName: 'Leyla Əliyeva', phone: '+994501234567' });
    expect(output()).toContain('K7M4-Q9XD-2PTA');
    expect(output()).not.toMatch(/Leyla|leyla@mail\.az|soyuducu|\+994501234567/);
  });

  it('masks contacts in messages, stacks and errors, and leaves out what drivers hang on errors', () => {
    const { logger, output } = capture();
    logger.warn('e-mail notice n1 failed: 550 5.1.1 <leyla@mail.az>: no such user', 'DeliverEmailNotices');
    const failure = Object.assign(new Error('insert failed for +994 50 123 45 67'), {
      parameters: ['Leyla Əliyeva', 'leyla@mail.az'],
      detail: 'Key (value)=(leyla@mail.az) already exists.',
    });
    logger.error(failure);
    logger.error('handler failed', `Error: mail to leyla@mail.az\n    at x (y.ts:1:1)`, 'Bus');
    expect(output()).toContain('***@mail.az');
    expect(output()).toContain('[phone]');
    expect(output()).not.toMatch(/Leyla|leyla@|123 45 67|already exists/);
  });
});
