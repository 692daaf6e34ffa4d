import 'reflect-metadata';
import { runService } from '@pengaduan/runtime';
import { intakeService } from './service-entry';

void runService(intakeService);
