// The development backends' output (SMS codes now, outgoing mail next): plain lines on stderr,
// so a developer finds them among pino's JSON request lines. Never used by the file backend,
// nor in production (there the real providers send, and nothing prints a code).

export type DevChannel = 'sms' | 'mail';

/** Prints `[channel] text`; lines after the first (a mail body) are indented under it. */
export function printToDevConsole(channel: DevChannel, text: string, stream: NodeJS.WritableStream = process.stderr): void {
  const [first = '', ...rest] = text.split(/\r?\n/);
  const indent = ' '.repeat(channel.length + 3);
  stream.write(`[${channel}] ${first}\n${rest.map((line) => `${indent}${line}\n`).join('')}`);
}
