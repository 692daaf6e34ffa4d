import 'reflect-metadata';
import { runPlatform } from './launcher/run-platform';

// The embedded default of `npm start` (docs/adr/0020): every service in this one process.
void runPlatform();
