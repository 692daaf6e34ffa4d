import { ScramExchange, scramVerifier } from './scram';

// RFC 7677 §3: user "user", password "pencil".
const SALT = Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64');
const CLIENT_FIRST = 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO';
const SERVER_NONCE = '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0';
const SERVER_FIRST = 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096';
const CLIENT_FINAL = 'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=';
const SERVER_FINAL = 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=';

const exchange = (password: string | undefined) => new ScramExchange(password === undefined ? undefined : scramVerifier(password, 4096, SALT), () => SERVER_NONCE);

describe('SCRAM-SHA-256, server side', () => {
  it('answers the exchange of RFC 7677 as the RFC does', () => {
    const scram = exchange('pencil');
    expect(scram.first(CLIENT_FIRST)).toBe(SERVER_FIRST);
    expect(scram.final(CLIENT_FINAL)).toBe(SERVER_FINAL);
  });

  it('refuses a proof made with another password, another nonce or another channel binding, and a user it has no password for', () => {
    const wrong = exchange('pen');
    wrong.first(CLIENT_FIRST);
    expect(wrong.final(CLIENT_FINAL)).toBeUndefined();
    const replayed = new ScramExchange(scramVerifier('pencil', 4096, SALT));
    replayed.first(CLIENT_FIRST);
    expect(replayed.final(CLIENT_FINAL)).toBeUndefined();
    const bound = exchange('pencil');
    bound.first(CLIENT_FIRST);
    expect(bound.final(CLIENT_FINAL.replace('c=biws', 'c=eSws'))).toBeUndefined();
    const unknown = exchange(undefined);
    expect(unknown.first(CLIENT_FIRST)).toMatch(/^r=rOprNGfwEbeRWgbNEkqO%hvYD.*,s=.+,i=4096$/);
    expect(unknown.final(CLIENT_FINAL)).toBeUndefined();
  });

  it('refuses malformed messages and channel binding it does not offer', () => {
    expect(exchange('pencil').first('p=tls-server-end-point,,n=user,r=abc')).toBeUndefined();
    expect(exchange('pencil').first('n,,n=user')).toBeUndefined();
    expect(exchange('pencil').final(CLIENT_FINAL)).toBeUndefined(); // no first message
    const noProof = exchange('pencil');
    noProof.first(CLIENT_FIRST);
    expect(noProof.final('c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0')).toBeUndefined();
  });
});
