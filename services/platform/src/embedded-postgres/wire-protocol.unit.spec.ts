import {
  AUTH_SASL,
  authenticationRequest,
  BackendMessageScanner,
  errorMessage,
  errorResponse,
  listenChanges,
  notificationChannel,
  saslInitialResponse,
  saslResponse,
  settingsOfOptions,
  simpleQuery,
  sqlOf,
  startupParameters,
} from './wire-protocol';

const message = (type: string, payload: Buffer) => {
  const m = Buffer.alloc(5 + payload.length);
  m.write(type, 0, 'latin1');
  m.writeInt32BE(4 + payload.length, 1);
  payload.copy(m, 5);
  return m;
};

describe('the wire protocol, as the session multiplexer reads it', () => {
  it('reads a startup packet’s parameters and the settings of its options, as node-postgres sends them', () => {
    const body = Buffer.from('user\0pengaduan_intake\0database\0postgres\0options\0-c search_path=intake,public -c timezone=UTC\0\0');
    const packet = Buffer.alloc(8 + body.length);
    packet.writeInt32BE(packet.length, 0);
    packet.writeInt32BE(196608, 4);
    body.copy(packet, 8);
    expect(startupParameters(packet)).toEqual({ user: 'pengaduan_intake', database: 'postgres', options: '-c search_path=intake,public -c timezone=UTC' });
    expect(settingsOfOptions('-c search_path=intake,public -c timezone=UTC')).toEqual([
      ['search_path', 'intake,public'],
      ['timezone', 'UTC'],
    ]);
    expect(settingsOfOptions('--statement-timeout=5s -cwork_mem=4MB -c application_name=a\\ b')).toEqual([
      ['statement_timeout', '5s'],
      ['work_mem', '4MB'],
      ['application_name', 'a b'],
    ]);
    expect(settingsOfOptions(undefined)).toEqual([]);
  });

  it('finds the SQL of a simple query and of a Parse, and the channels it LISTENs on', () => {
    expect(sqlOf(simpleQuery('LISTEN "outbox_intake"'))).toBe('LISTEN "outbox_intake"');
    expect(sqlOf(message('P', Buffer.from('stmt\0SELECT $1\0\0\0')))).toBe('SELECT $1');
    expect(sqlOf(message('B', Buffer.from('\0\0')))).toBeUndefined();
    expect(listenChanges('LISTEN "Outbox_A"; listen Plain; UNLISTEN other; SELECT 1')).toEqual({ listen: ['Outbox_A', 'plain'], unlisten: ['other'] });
    expect(listenChanges('UNLISTEN *')).toEqual({ listen: [], unlisten: ['*'] });
  });

  it('splits the backend’s output into whole messages however it is chunked, holding back the ones it is told to', () => {
    const notification = message('A', Buffer.concat([Buffer.from([0, 0, 0, 42]), Buffer.from('outbox_a\0payload\0')]));
    const complete = message('C', Buffer.from('SELECT 1\0'));
    const ready = message('Z', Buffer.from('T'));
    const stream = Buffer.concat([complete, notification, ready]);
    const forwarded: Buffer[] = [];
    const seen: string[] = [];
    const scanner = new BackendMessageScanner(
      (bytes) => forwarded.push(Buffer.from(bytes)),
      (type, bytes) => {
        if (type === 0x41) {
          seen.push(notificationChannel(bytes));
          return false;
        }
        return true;
      },
    );
    for (let i = 0; i < stream.length; i += 3) scanner.push(stream.subarray(i, i + 3));
    scanner.end();
    expect(Buffer.concat(forwarded)).toEqual(Buffer.concat([complete, ready]));
    expect(seen).toEqual(['outbox_a']);
    expect(scanner.readyStatus).toBe('T');
  });

  it('writes the authentication requests and errors of the password exchange, and reads the client’s answers', () => {
    expect(authenticationRequest(AUTH_SASL, 'SCRAM-SHA-256\0\0')).toEqual(message('R', Buffer.from('\0\0\0\x0aSCRAM-SHA-256\0\0', 'latin1')));
    const refused = errorResponse('FATAL', '28P01', 'password authentication failed for user "x"');
    expect(refused).toEqual(message('E', Buffer.from('SFATAL\0VFATAL\0C28P01\0Mpassword authentication failed for user "x"\0\0')));
    expect(errorMessage(refused)).toBe('password authentication failed for user "x"');
    const first = Buffer.from('n,,n=*,r=abc');
    const length = Buffer.alloc(4);
    length.writeInt32BE(first.length, 0);
    expect(saslInitialResponse(message('p', Buffer.concat([Buffer.from('SCRAM-SHA-256\0'), length, first])))).toEqual({ mechanism: 'SCRAM-SHA-256', data: 'n,,n=*,r=abc' });
    expect(saslInitialResponse(message('p', Buffer.from('\0')))).toBeUndefined(); // an empty cleartext password
    expect(saslInitialResponse(message('Q', Buffer.from('SELECT 1\0')))).toBeUndefined();
    expect(saslResponse(message('p', Buffer.from('c=biws,r=abc,p=xyz')))).toBe('c=biws,r=abc,p=xyz');
  });
});
