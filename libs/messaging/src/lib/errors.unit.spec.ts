import { isTransient, TransientError } from './errors';

describe('telling a transient failure from a bad event', () => {
  it.each([
    ['a TransientError', new TransientError('dependency timed out')],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['a serialization failure', Object.assign(new Error('could not serialize'), { code: '40001' })],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
  ])('%s is transient', (_name, err) => expect(isTransient(err)).toBe(true));

  it.each([
    ['a constraint violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['a plain error', new Error('unknown complaint')],
    ['not an error at all', 'boom'],
  ])('%s is not', (_name, err) => expect(isTransient(err)).toBe(false));
});
