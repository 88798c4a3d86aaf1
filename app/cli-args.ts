/** Command-line options of `sotto`, parsed without a library so errors read plainly. */
export interface CliOptions {
  mode: 'headless' | 'browser';
  port?: number;
  profileDir?: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  help: boolean;
}

export const USAGE = `Usage: sotto [--headless | --browser] [--port N] [--profile DIR] [--log-level LEVEL]

  --headless        JSON-RPC 2.0 on stdin/stdout, one object per line
  --browser         serve the UI on 127.0.0.1 and print its address (the default here)
  --port N          browser mode port (default: a free one)
  --profile DIR     profile folder (default: $XDG_CONFIG_HOME/sotto)
  --log-level L     debug, info, warn or error (default: info); logs go to stderr
`;

export function parseCliArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { mode: 'browser', logLevel: 'info', help: false };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case '--headless':
        options.mode = 'headless';
        break;
      case '--browser':
        options.mode = 'browser';
        break;
      case '--port': {
        const port = Number(value(i++, arg));
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new Error('--port must be a number from 0 to 65535');
        options.port = port;
        break;
      }
      case '--profile':
        options.profileDir = value(i++, arg);
        break;
      case '--log-level': {
        const level = value(i++, arg);
        if (level !== 'debug' && level !== 'info' && level !== 'warn' && level !== 'error') {
          throw new Error('--log-level must be debug, info, warn or error');
        }
        options.logLevel = level;
        break;
      }
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new Error(`unknown option: ${arg}`);
    }
  }
  return options;
}
