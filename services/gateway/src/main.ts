import 'reflect-metadata';
import { runService } from '@pengaduan/runtime';
import { runGatewayCli } from './cli';
import { gatewayService } from './service-entry';

// `main.js user …` and `main.js seed-demo` manage officers' accounts, `main.js office-client …` the
// public gRPC API's clients; anything else is runService's.
const command = process.argv[2];
if (command === 'user' || command === 'seed-demo' || command === 'office-client') {
  void runGatewayCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
} else {
  void runService(gatewayService);
}
