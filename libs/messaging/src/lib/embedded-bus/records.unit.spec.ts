import { decodeHeaders, encodeHeaders, toBytes, toKafkaMessage } from './records';

describe('the embedded bus’s records', () => {
  it('keeps headers as kafkajs sends them and hands them back as a consumer gets them (Buffers)', () => {
    const stored = encodeHeaders({ 'content-type': 'application/cloudevents+json', trace: [Buffer.from('a'), 'b'], gone: undefined });
    expect(stored).toEqual([
      ['content-type', Buffer.from('application/cloudevents+json').toString('base64')],
      ['trace', Buffer.from('a').toString('base64')],
      ['trace', Buffer.from('b').toString('base64')],
    ]);
    expect(decodeHeaders(JSON.parse(JSON.stringify(stored)))).toEqual({ 'content-type': Buffer.from('application/cloudevents+json'), trace: [Buffer.from('a'), Buffer.from('b')] });
  });

  it('stores keys and values as bytes, strings as UTF-8, null as null', () => {
    expect(toBytes('é')).toEqual(Buffer.from('é', 'utf8'));
    expect(toBytes(null)).toBeNull();
    expect(toBytes(undefined)).toBeNull();
    expect(toKafkaMessage({ topic: 't', partition: 0, offset: '7', key: Buffer.from('k'), value: null, headers: [], timestamp: '1' })).toEqual({
      key: Buffer.from('k'),
      value: null,
      timestamp: '1',
      attributes: 0,
      offset: '7',
      headers: {},
    });
  });
});
