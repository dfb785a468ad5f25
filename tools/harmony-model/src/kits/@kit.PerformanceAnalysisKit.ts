/** @kit.PerformanceAnalysisKit stand-in: hilog lines go to the device's log, formatted as hilog would. */
import { device } from '../device/device';

function format(fmt: string, args: unknown[]): string {
  let i = 0;
  // Arguments are private unless marked %{public} and print as <private> (hilog API reference, OH-docs:js-apis-hilog).
  return fmt.replace(/%(\{(public|private)\})?[sdifo]/g, (_m, _g, vis: string | undefined) => {
    const v = args[i++];
    return vis === 'public' ? String(v) : '<private>';
  });
}

function line(level: string) {
  return (domain: number, tag: string, fmt: string, ...args: unknown[]): void => {
    device().hilog.push(`${level} ${domain.toString(16)} ${tag} ${format(fmt, args)}`);
  };
}

export const hilog = {
  debug: line('D'),
  info: line('I'),
  warn: line('W'),
  error: line('E'),
  fatal: line('F'),
  isLoggable: (_domain: number, _tag: string, _level: number): boolean => true,
  LogLevel: { DEBUG: 3, INFO: 4, WARN: 5, ERROR: 6, FATAL: 7 },
};
