import { FakeProviderServer, type FakeResponse, type RecordedRequest } from './fake-server';

/**
 * A real listener on 127.0.0.1 that records every request and answers 200 `canary` (or as
 * told): the stand-in for an internal service or a cloud metadata endpoint that an attack
 * tries to reach, or for a plain upstream. A test of a refusal asserts it received nothing.
 */
export class RecordingServer extends FakeProviderServer {
  constructor(private readonly answer: (request: RecordedRequest) => FakeResponse = () => ({ status: 200, body: 'canary', headers: { 'content-type': 'text/plain' } })) {
    super();
  }

  protected route(request: RecordedRequest): FakeResponse {
    return this.answer(request);
  }
}
