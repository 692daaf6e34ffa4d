import { ConfigError } from '@pengaduan/runtime';
import { EmbeddedPlatform } from './embedded-platform';
import { loadPlatformSettings } from './platform-settings';

const say = (line: string) => process.stdout.write(`${line}\n`);

/**
 * The embedded platform's process: settings (exit 78 when wrong), start (exit 1 when it cannot),
 * and a graceful stop on SIGINT / SIGTERM (exit 0 once everything stopped).
 */
export async function runPlatform(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let platform: EmbeddedPlatform;
  try {
    platform = new EmbeddedPlatform(loadPlatformSettings(env), say);
  } catch (err) {
    process.stderr.write(`platform: ${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
    process.exit(78);
  }
  const stop = () => {
    void platform.stop().then((code) => process.exit(code));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await platform.start();
  } catch (err) {
    process.stderr.write(`platform: could not start: ${(err as Error).message}\n`);
    await platform.stop();
    process.exit(1);
  }
}
