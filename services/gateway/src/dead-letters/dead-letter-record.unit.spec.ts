import { PLATFORM_CONSUMER_GROUPS } from '@pengaduan/contracts';
import { deadLetterFollowerGroup, deadLetterGroups, MAX_REASON_LENGTH, redactReason } from './dead-letter-record';

describe('the dead letters the gateway follows', () => {
  it('masks addresses and phone numbers in a reason, keeps ids and codes, and cuts it', () => {
    const id = '01a2512f-3a56-76cd-9a3c-0abbe9f9315b';
    expect(redactReason(`EVENT.HANDLER_FAILED: ${id} could not reach siti@example.id, +62 812-3456 7890 or 081234567890`)).toBe(
      `EVENT.HANDLER_FAILED: ${id} could not reach [redacted], [redacted] or [redacted]`,
    );
    expect(redactReason('attempt 5 of 5 after 20000 ms')).toBe('attempt 5 of 5 after 20000 ms');
    const long = redactReason('x'.repeat(2_000));
    expect(long).toHaveLength(MAX_REASON_LENGTH);
    expect(long.endsWith('…')).toBe(true);
  });

  it("follows the platform's groups and the read model's, or only the latter beside a topic of its own", () => {
    expect(deadLetterGroups('gateway-projection')).toEqual([...PLATFORM_CONSUMER_GROUPS]);
    expect(deadLetterGroups('e2e-gateway-x')).toEqual([...PLATFORM_CONSUMER_GROUPS, 'e2e-gateway-x']);
    expect(deadLetterGroups('gateway-projection-test-1', true)).toEqual(['gateway-projection-test-1']);
    expect(deadLetterFollowerGroup('gateway-projection')).toBe('gateway-projection.dead-letters');
  });
});
