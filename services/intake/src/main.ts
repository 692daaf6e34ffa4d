import 'reflect-metadata';
import { runService } from '@pengaduan/runtime';
import { INTAKE_COMMANDS, runIntakeCli } from './cli';
import { intakeService } from './service-entry';

// `main.js reseal-contacts` re-seals contacts under the newest key (docs/adr/0026); anything else is runService's.
if (INTAKE_COMMANDS.includes(process.argv[2] ?? '')) {
  void runIntakeCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
} else {
  void runService(intakeService);
}
