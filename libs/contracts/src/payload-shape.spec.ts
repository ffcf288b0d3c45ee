import { exceedsDepth, payloadShapeProblem } from './payload-shape';

const nested = (levels: number): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? { a: value } : [value];
  return value;
};

describe('exceedsDepth', () => {
  it('counts objects and arrays, not scalars', () => {
    expect(exceedsDepth('text', 1)).toBe(false);
    expect(exceedsDepth({ fullName: 'Aysel', tags: ['a'] }, 2)).toBe(false);
    expect(exceedsDepth({ fullName: 'Aysel', tags: ['a'] }, 1)).toBe(true);
    expect(exceedsDepth(nested(8), 8)).toBe(false);
    expect(exceedsDepth(nested(9), 8)).toBe(true);
  });

  it('names what is wrong: too deep, or a member that addresses the prototype', () => {
    expect(payloadShapeProblem({ fullName: 'Aysel', tags: [{ a: 1 }] }, 8)).toBeNull();
    expect(payloadShapeProblem(nested(9), 8)).toBe('too-deep');
    expect(payloadShapeProblem(JSON.parse('{"a":[{"__proto__":{"admin":true}}]}'), 8)).toBe('prototype-key');
    expect(payloadShapeProblem({ constructor: { prototype: {} } }, 8)).toBe('prototype-key');
  });

  it('walks a nesting far deeper than the stack allows without overflowing', () => {
    expect(exceedsDepth(nested(200_000), 8)).toBe(true);
    expect(() => JSON.stringify(nested(200_000))).toThrow(RangeError);
  });
});
