import { contactBuckets } from './contact-buckets';

describe('contactBuckets', () => {
  it('gives one bucket for an address however it is cased or strewn with control characters', () => {
    expect(contactBuckets({ email: ' Leyla@Example.AZ ' })).toEqual(['email:leyla@example.az']);
    expect(contactBuckets({ email: 'le\u0001yla@example.az\u0007' })).toEqual(['email:leyla@example.az']);
  });

  it('gives one bucket for a phone number in any of its formats', () => {
    const bucket = ['phone:+994501234567'];
    expect(contactBuckets({ phone: '+994 50 123 45 67' })).toEqual(bucket);
    expect(contactBuckets({ phone: '(050) 123-45-67' })).toEqual(bucket);
    expect(contactBuckets({ phone: '050\u0000 123 45 67' })).toEqual(bucket);
  });

  it('gives no bucket for what is not a string', () => {
    expect(contactBuckets({ email: ['a@b.az'], phone: 994501234567 })).toEqual([]);
    expect(contactBuckets(null)).toEqual([]);
    expect(contactBuckets('a@b.az')).toEqual([]);
  });
});
