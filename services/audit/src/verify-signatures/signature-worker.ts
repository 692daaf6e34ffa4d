// A thread of the verification pool (./signature-pool.ts): verifies the signatures of batches of
// records, as raw bytes, with the published keys it was started with. No state but the keys.
import { EventKeyRing } from '@pengaduan/contracts';
import { createPublicKey } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { REFUSED, VERIFIED, type PublishedKey, type VerifyReply, type VerifyRequest } from './pool-protocol';

const keyRing = new EventKeyRing(
  (workerData as { keys: PublishedKey[] }).keys.map((k) => ({ keyId: k.keyId, source: k.source, publicKey: createPublicKey({ key: Buffer.from(k.spki), format: 'der', type: 'spki' }) })),
);
// The same decoding as libs/contracts' parseEnvelope (fatal on bad UTF-8, a BOM dropped), so that
// whatever the main thread parses as an event is the object verified here.
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The envelope's JSON object, or undefined for bytes that are not one (the main thread reports those). */
function objectOf(bytes: Uint8Array): Record<string, unknown> | undefined {
  try {
    const json: unknown = JSON.parse(utf8.decode(bytes));
    return json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function verifyBatch({ seq, bytes, ends }: VerifyRequest): VerifyReply {
  const all = new Uint8Array(bytes);
  const codes = new Uint8Array(ends.length);
  const refusals: VerifyReply['refusals'] = [];
  let start = 0;
  for (let i = 0; i < ends.length; i++) {
    const env = objectOf(all.subarray(start, ends[i]));
    start = ends[i];
    if (env === undefined) continue; // NOT_CHECKED: the main thread finds it is not an event
    const check = keyRing.verify(env);
    if (check.ok) codes[i] = VERIFIED;
    else {
      codes[i] = REFUSED;
      refusals.push({ code: check.code, reason: check.reason });
    }
  }
  return { seq, codes, refusals };
}

parentPort?.on('message', (request: VerifyRequest) => {
  const reply = verifyBatch(request);
  parentPort?.postMessage(reply, [reply.codes.buffer]);
});
