/**
 * Logging for the core: always to stderr, because stdout belongs to JSON-RPC in
 * headless mode. Callers pass descriptions, never message bodies, passwords or keys.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string): void;
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export function stderrLogger(minimum: LogLevel = 'info'): Logger {
  return {
    log(level, message) {
      if (ORDER[level] < ORDER[minimum]) return;
      process.stderr.write(`${new Date().toISOString()} ${level.toUpperCase()} ${message}\n`);
    },
  };
}
