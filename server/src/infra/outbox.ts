// The `file` backend of SMS and mail: one JSON line per message in $OUTBOX_DIR/<channel>.jsonl,
// like Django's file-based mail backend, so scripts and tests can read what was "sent".
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

export async function appendToOutbox(outboxDir: string, channel: 'sms' | 'mail', message: object): Promise<void> {
  await mkdir(outboxDir, { recursive: true });
  const line = JSON.stringify({ ...message, sent_at: new Date().toISOString() });
  await appendFile(path.join(outboxDir, `${channel}.jsonl`), `${line}\n`, 'utf8');
}
