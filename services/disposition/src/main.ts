import 'reflect-metadata';
import { runService } from '@pengaduan/runtime';
import { dispositionService } from './service-entry';

void runService(dispositionService);
