import { AnalysisService } from '@pengaduan/contracts';
import { ServiceRuntime } from '@pengaduan/messaging';
import { createLogger, type Clock } from '@pengaduan/runtime';
import { startStepService, type MethodsOf, type StepServiceApp } from '@pengaduan/testing';
import { AnalysisModule, analysisStateConsumer } from '../analysis.module';
import { analysisService } from '../service-entry';

const logger = createLogger('analysis-test', process.env['TEST_LOG_LEVEL'] ?? 'silent');

/** analysis as main.ts starts it, on free ports, with a schema and a consumer group of its own. */
export type TestAnalysis = StepServiceApp<MethodsOf<typeof AnalysisService>, ServiceRuntime>;

export function startAnalysis(options: { clock?: Clock } = {}): Promise<TestAnalysis> {
  return startStepService({
    entry: analysisService,
    service: AnalysisService,
    logger,
    config: (base) => base,
    module: (config, consumer) => AnalysisModule.forRoot(config, logger, { clock: options.clock, consumer }),
    runtime: (app) => app.get(ServiceRuntime),
    folder: (runtime, group) => {
      const consumer = analysisStateConsumer(group);
      return (event) => runtime.dataSource.transaction((tx) => consumer.handler(event, tx));
    },
  });
}
