import 'reflect-metadata';
import { runService } from '@pengaduan/runtime';
import { notificationService } from './service-entry';

void runService(notificationService);
