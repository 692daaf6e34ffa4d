// A thread of the verification pool (./signature-pool.ts): inspects batches of records, as raw
// bytes, with the published keys it was started with: a chained event's digest, any other
// event's signature (./inspect.ts). No state but the keys.
import { EventKeyRing } from '@pengaduan/contracts';
import { createPublicKey } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { inspectEnvelope, objectOf } from './inspect';
import { CHAINED, REFUSED, VERIFIED, type PublishedKey, type VerifyReply, type VerifyRequest } from './pool-protocol';

const keyRing = new EventKeyRing(
  (workerData as { keys: PublishedKey[] }).keys.map((k) => ({ keyId: k.keyId, source: k.source, publicKey: createPublicKey({ key: Buffer.from(k.spki), format: 'der', type: 'spki' }) })),
);

function inspectBatch({ seq, bytes, ends }: VerifyRequest): VerifyReply {
  const all = new Uint8Array(bytes);
  const codes = new Uint8Array(ends.length);
  const refusals: VerifyReply['refusals'] = [];
  const chained: VerifyReply['chained'] = [];
  let start = 0;
  for (let i = 0; i < ends.length; i++) {
    const env = objectOf(all.subarray(start, ends[i]));
    start = ends[i];
    if (env === undefined) continue; // NOT_CHECKED: the main thread finds it is not an event
    const inspected = inspectEnvelope(env, keyRing);
    if (inspected.kind === 'chained') {
      codes[i] = CHAINED;
      chained.push({ link: inspected.link, digest: inspected.digest });
    } else if (inspected.verdict?.ok) codes[i] = VERIFIED;
    else if (inspected.verdict) {
      codes[i] = REFUSED;
      refusals.push({ code: inspected.verdict.code, reason: inspected.verdict.reason });
    }
  }
  return { seq, codes, refusals, chained };
}

parentPort?.on('message', (request: VerifyRequest) => {
  const reply = inspectBatch(request);
  parentPort?.postMessage(reply, [reply.codes.buffer]);
});
