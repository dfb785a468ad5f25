/** Test controls: a contactless reader whose terminal is the core's kernel. */
import type { KernelOutcome } from '@arkpay/core';
import { type Device, device } from '../device/device';
import { authorizeTap, type ReaderPayment } from '../reader/acquirer-host';
import { ContactlessReader } from '../reader/contactless-reader';

let reader: { device: Device; reader: ContactlessReader } | null = null;

function current(): ContactlessReader {
  const d = device();
  if (reader === null || reader.device !== d) reader = { device: d, reader: new ContactlessReader(d) };
  return reader.reader;
}

/** A whole tap for `amount` minor units with the default terminal (Visa/Mastercard/UnionPay, CNY). */
export function readerTap(amount: number): Promise<KernelOutcome> {
  return current().tap(amount);
}

/**
 * A whole tap, then the terminal sends the authorization to a running token service (`arkpay start`) as
 * the acquirer and returns the service's answer (kernel failures such as KERNEL_SEE_PHONE send nothing).
 */
export async function readerPay(amount: number, serviceUrl: string, acquirerKey: string): Promise<ReaderPayment> {
  return authorizeTap(await current().tap(amount), serviceUrl, acquirerKey);
}

/** Raise the field; false when the device does not answer it. */
export function readerFieldOn(): boolean {
  return current().fieldOn();
}

/** One command as hex; the response as hex, or 'NO_ANSWER' when nothing answered in time. */
export async function readerSend(commandHex: string): Promise<string> {
  const bytes = (commandHex.match(/../g) ?? []).map((h) => Number.parseInt(h, 16));
  try {
    const r = await current().transceive(bytes);
    return r.map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join('');
  } catch (e) {
    if (e instanceof Error && e.name === 'NoAnswerError') return 'NO_ANSWER';
    throw e;
  }
}

export function readerFieldOff(): void {
  current().fieldOff();
}
