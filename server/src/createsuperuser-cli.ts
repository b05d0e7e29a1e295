// `npm run createsuperuser [-- --username NAME --mobile NUMBER [--email ADDRESS] [--password P]]`:
// a back office superuser (staff, every permission) in DATABASE_URL or the embedded database,
// after migrating. On a terminal it asks for what the flags leave out (the password twice, not
// echoed); a script passes flags, the password best through MEIDUO_SUPERUSER_PASSWORD, out of
// the shell's history and of `ps`. The shop's account rules apply; an account already holding
// the name or mobile is refused (exit 1), never changed.
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { emailRule } from '@meiduo/contract/email-rules';
import { ERRORS, errorText, type ErrorCode } from '@meiduo/contract/errors';
import { mobileRule, passwordRule, usernameRule } from '@meiduo/contract/user-rules';
import { loadConfigOrExit } from './config.js';
import { closeContext, createContext } from './context.js';
import { DomainError, type Failure } from './errors.js';
import { createServices } from './services.js';
import { openTaskQueue } from './tasks.js';

const PASSWORD_ENV = 'MEIDUO_SUPERUSER_PASSWORD';
const USAGE = `usage: npm run createsuperuser [-- --username NAME --mobile NUMBER [--email ADDRESS] [--password PASSWORD]]
  on a terminal, asks for what is not given; the password may come from ${PASSWORD_ENV} instead of --password`;

interface Superuser {
  username: string;
  mobile: string;
  email: string;
  password: string;
}
type Field = keyof Superuser;

const FLAGS: Record<string, Field> = { '--username': 'username', '--mobile': 'mobile', '--email': 'email', '--password': 'password' };
// The e-mail is optional: blank passes.
const RULES: Record<Field, (value: string) => ErrorCode | undefined> = {
  username: usernameRule,
  mobile: mobileRule,
  email: (value) => (value === '' ? undefined : emailRule(value)),
  password: passwordRule,
};

/** Bad input: one line for the operator, exit 1 (2 for a misuse of the command itself). */
class InputError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

const describe = (failure: Failure) => `${failure.field ?? ERRORS[failure.code].field ?? 'error'}: ${errorText(failure.code, failure.params)}`;

function parseArgs(argv: readonly string[]): Partial<Superuser> & { help?: true } {
  const given: Partial<Superuser> & { help?: true } = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag === '--help' || flag === '-h') given.help = true;
    else if (FLAGS[flag]) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new InputError(`${flag} needs a value\n${USAGE}`, 2);
      given[FLAGS[flag]] = value;
    } else throw new InputError(`unknown argument "${argv[i]}"\n${USAGE}`, 2);
  }
  return given;
}

/** The operator's terminal: one reader for every question, so nothing typed ahead is lost. */
function openTerminal() {
  let muted = false;
  const output = new Writable({
    write: (chunk, _encoding, done) => {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const lines = createInterface({ input: process.stdin, output, terminal: true });
  // Ctrl-C leaves without creating anything (readline would only pause the input).
  lines.on('SIGINT', () => {
    process.stdout.write('\n');
    process.exit(130);
  });
  return {
    /** One answer; a hidden one is not echoed. */
    async ask(question: string, hidden = false): Promise<string> {
      if (!hidden) return lines.question(question);
      process.stdout.write(question);
      muted = true;
      try {
        return await lines.question('');
      } finally {
        muted = false;
        process.stdout.write('\n');
      }
    },
    close: () => lines.close(),
  };
}

let terminal: ReturnType<typeof openTerminal> | undefined;
const ask = (question: string, hidden = false) => (terminal ??= openTerminal()).ask(question, hidden);

/** Asks until the answer passes the field's rule, saying why not each time. */
async function askFor(field: Field, question: string, hidden = false): Promise<string> {
  for (;;) {
    const answer = hidden ? await ask(question, true) : (await ask(question)).trim();
    const code = RULES[field](answer);
    if (!code) return answer;
    process.stdout.write(`${describe({ code, field })}\n`);
  }
}

async function askPassword(): Promise<string> {
  for (;;) {
    const password = await askFor('password', 'Password: ', true);
    if ((await ask('Password (again): ', true)) === password) return password;
    process.stdout.write(`${errorText('user.passwords_differ')}\n`);
  }
}

/** The account from the flags, the environment and, on a terminal, the operator's answers. */
async function gather(given: Partial<Superuser>): Promise<Superuser> {
  // An empty variable is no password.
  const password = given.password ?? (process.env[PASSWORD_ENV] || undefined);
  const values = { email: '', ...given, ...(password === undefined ? {} : { password }) };
  for (const [field, value] of Object.entries(values) as [Field, string][]) {
    const code = RULES[field](value);
    if (code) throw new InputError(describe({ code, field }));
  }
  const interactive = process.stdin.isTTY && process.stdout.isTTY;
  const missing = (['username', 'mobile', 'password'] as const).filter((field) => values[field] === undefined);
  if (missing.length && !interactive) {
    throw new InputError(`missing ${missing.map((field) => `--${field}`).join(', ')} (no terminal to ask on; the password may come from ${PASSWORD_ENV})`);
  }
  return {
    username: values.username ?? (await askFor('username', 'Username: ')),
    mobile: values.mobile ?? (await askFor('mobile', 'Mobile: ')),
    // Asked only of an operator being asked anyway.
    email: given.email ?? (missing.length ? await askFor('email', 'E-mail (optional): ') : ''),
    password: values.password ?? (await askPassword()),
  };
}

async function main(): Promise<void> {
  let superuser: Superuser;
  try {
    const given = parseArgs(process.argv.slice(2));
    if (given.help) return void process.stdout.write(`${USAGE}\n`);
    superuser = await gather(given);
    terminal?.close();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    process.stderr.write(`createsuperuser: ${error.message}\n`);
    process.exit(error.exitCode);
  }
  const config = loadConfigOrExit();
  const context = await createContext(config, openTaskQueue);
  try {
    await context.database.migrate();
    const services = await createServices(context);
    const created = await services.accounts.createStaff({ ...superuser, superuser: true });
    process.stdout.write(`superuser "${created.username}" created (id ${created.id}) in the ${context.database.driver} database\n`);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    process.stderr.write(`createsuperuser: ${error.failures.map(describe).join('; ')}\n`);
    process.exitCode = 1;
  } finally {
    await closeContext(context);
  }
}

await main();
