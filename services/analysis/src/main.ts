import 'reflect-metadata';
import { runService } from '@pengaduan/runtime';
import { analysisService } from './service-entry';

void runService(analysisService);
