import 'reflect-metadata';
import { runService } from '@pengaduan/runtime';
import { slaMonitorService } from './service-entry';

void runService(slaMonitorService);
