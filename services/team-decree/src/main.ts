import 'reflect-metadata';
import { runService } from '@pengaduan/runtime';
import { teamDecreeService } from './service-entry';

void runService(teamDecreeService);
