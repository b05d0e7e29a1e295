// A real SMTP server for the tests (smtp-server), plain text with AUTH PLAIN/LOGIN, keeping every
// message it accepts parsed (mailparser) with the envelope it came in.
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { vi } from 'vitest';

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  mail: ParsedMail;
}

export interface TestSmtpServer {
  /** `smtp://user:pass@127.0.0.1:<port>` for SMTP_URL. */
  url: string;
  received: ReceivedMail[];
  /** Logins refused so far (a wrong user or password). */
  refusedLogins: number;
  /** Waits until a message for this recipient has arrived, and returns the newest one. */
  nextMailTo(address: string, count?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startSmtpServer(user = 'mall', pass = 'smtp-secret'): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const state = { refusedLogins: 0 };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === pass) return callback(null, { user });
      state.refusedLogins++;
      callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          const { mailFrom, rcptTo } = session.envelope;
          received.push({ envelope: { from: mailFrom ? mailFrom.address : '', to: rcptTo.map((rcpt) => rcpt.address) }, mail });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://${user}:${pass}@127.0.0.1:${port}`,
    received,
    get refusedLogins() {
      return state.refusedLogins;
    },
    nextMailTo: (address, count = 1) =>
      vi.waitFor(
        () => {
          const mails = received.filter((entry) => entry.envelope.to.includes(address));
          if (mails.length < count) throw new Error(`no mail for ${address} yet`);
          return mails[mails.length - 1]!;
        },
        { timeout: 15_000, interval: 20 },
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
