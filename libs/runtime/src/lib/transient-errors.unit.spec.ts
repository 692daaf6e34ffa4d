import { isTransient, ServiceError, TransientError, unavailableIfTransient } from './errors';

describe('telling a transient failure from a bad event', () => {
  it.each([
    ['a TransientError', new TransientError('dependency timed out')],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['a serialization failure', Object.assign(new Error('could not serialize'), { code: '40001' })],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a pool with no connection free in time', new Error('timeout exceeded when trying to connect')],
  ])('%s is transient', (_name, err) => expect(isTransient(err)).toBe(true));

  it.each([
    ['a constraint violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['a plain error', new Error('unknown complaint')],
    ['not an error at all', 'boom'],
  ])('%s is not', (_name, err) => expect(isTransient(err)).toBe(false));
});

describe('what a request answers for a failure', () => {
  it('a transient one is a retryable 503 (unavailable), not an internal error', () => {
    expect(unavailableIfTransient(new Error('timeout exceeded when trying to connect'))).toMatchObject({ kind: 'unavailable', code: 'SERVICE.UNAVAILABLE' });
    expect(unavailableIfTransient(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBeInstanceOf(ServiceError);
  });

  it('a ServiceError or any other error is left as it is', () => {
    const refusal = new ServiceError('conflict', 'COMPLAINT.NOT_CAUGHT_UP', 'not yet');
    const bug = new Error('unknown complaint');
    expect(unavailableIfTransient(refusal)).toBe(refusal);
    expect(unavailableIfTransient(bug)).toBe(bug);
  });
});
