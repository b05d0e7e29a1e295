// Mail providers behind one small interface: `console` (development log), `file` (outbox), and
// SMTP through nodemailer (the original sent through 163.com's SMTP server).
import { createTransport } from 'nodemailer';
import type { Config } from '../config.js';
import { printToDevConsole } from './dev-console.js';
import { appendToOutbox } from './outbox.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface MailSender {
  send(message: MailMessage): Promise<void>;
}

/** SMTP: one connection per message (mail is rare here); a dead server fails the try within seconds, and the queue retries. */
export function smtpSender(smtpUrl: string, from: string): MailSender {
  const transport = createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  return {
    async send({ to, subject, text, html }) {
      await transport.sendMail({ from, to, subject, text, html });
    },
  };
}

/** The console backend's text: who it goes to and what it says (the plain-text body). */
export function mailConsoleText({ to, subject, text }: MailMessage): string {
  return `to ${to}: ${subject}\n${text}`;
}

export function createMailSender(config: Config): MailSender {
  switch (config.mailBackend) {
    case 'smtp':
      return smtpSender(config.mail.smtpUrl!, config.mail.from);
    case 'file':
      return { send: (message) => appendToOutbox(config.outboxDir, 'mail', { from: config.mail.from, ...message }) };
    case 'console':
      // Development only, like the SMS console backend: the link shows on stderr.
      return { send: async (message) => printToDevConsole('mail', mailConsoleText(message)) };
  }
}
