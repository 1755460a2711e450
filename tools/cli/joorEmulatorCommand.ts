import { once } from 'node:events';
import { DEFAULT_ACCOUNT, JoorEmulator } from '../emulators/joor/JoorEmulator.js';
import { UsageError } from './UsageError.js';

/** `customer-sync joor-emulator [--port N]`: serves the JOOR emulator until interrupted. */
export const runJoorEmulator = async (port: number, out: (text: string) => void): Promise<number> => {
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError('--port takes a port number');
  const emulator = new JoorEmulator();
  const url = await emulator.start(port);
  out(`JOOR emulator listening on ${url}`);
  out(
    `  account ${DEFAULT_ACCOUNT.accountId}; v2 token "${DEFAULT_ACCOUNT.v2Token}"; v4 client "${DEFAULT_ACCOUNT.v4.clientId}" (auth at ${url}/auth)`,
  );
  out(
    `  counters at ${url}/__emulator/stats; JOOR_EMULATOR_WINDOW_MS, JOOR_EMULATOR_FAULTS and JOOR_EMULATOR_LATENCY_MS apply`,
  );
  await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  await emulator.stop();
  return 0;
};
