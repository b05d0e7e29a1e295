// Multipart forms of the back office (pictures, logos): parsed only in the route plugins that
// take them, each file read into memory up to the size cap, the rest dropped. The form's text
// fields and files become the body the route's schema validates (numbers coerced from text as
// for JSON); a JSON body is accepted on the same routes for clients without files.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fail, type DomainError } from '../errors.js';
import type { Upload } from '../infra/storage/images.js';

/** A file of a multipart form. Its fields are private: the NUL scan of bodies skips its bytes. */
export class UploadedFile implements Upload {
  readonly #bytes: Buffer;
  readonly #truncated: boolean;
  readonly #filename: string;

  constructor(bytes: Buffer, truncated: boolean, filename: string) {
    this.#bytes = bytes;
    this.#truncated = truncated;
    this.#filename = filename;
  }

  get bytes(): Buffer {
    return this.#bytes;
  }

  /** The file went past the size cap; `bytes` holds only its start. */
  get truncated(): boolean {
    return this.#truncated;
  }

  get filename(): string {
    return this.#filename;
  }

  toJSON(): string {
    return `<file ${this.#bytes.length} bytes>`;
  }
}

/** The file of a form field, or the E1 error under that field. */
export function fileOf(value: unknown, field: string): UploadedFile {
  if (value instanceof UploadedFile) return value;
  throw fail(value === undefined ? 'field_required' : 'upload.not_file', { field });
}

export interface UploadLimits {
  /** Bytes of one file. */
  maxBytes: number;
}

/** Fastify's and busboy's refusals of a form, as the contract's errors. */
function formError(error: unknown): DomainError {
  switch ((error as { code?: string })?.code) {
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return fail('upload.too_many_parts');
    default:
      // A malformed form (no boundary, cut short, a field named __proto__): the request is bad.
      return fail('body_invalid');
  }
}

async function readForm(request: FastifyRequest, limits: UploadLimits): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = Object.create(null);
  try {
    for await (const part of request.parts({ limits: { fileSize: limits.maxBytes } })) {
      if (part.type === 'file') {
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        body[part.fieldname] = new UploadedFile(Buffer.concat(chunks), part.file.truncated, part.filename);
      } else {
        body[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    throw formError(error);
  }
  return { ...body };
}

/**
 * Lets the routes registered after it (in the same plugin) take multipart forms: one file, a few
 * text fields, each capped. Call it at the start of a route plugin: the parser stays inside it.
 */
export async function acceptUploads(app: FastifyInstance, limits: UploadLimits): Promise<void> {
  await app.register(fastifyMultipart, {
    throwFileSizeLimit: false,
    limits: { files: 1, fields: 20, parts: 21, fieldSize: 20_000, fieldNameSize: 100, headerPairs: 50, fileSize: limits.maxBytes },
  });
  app.addHook('preValidation', async (request) => {
    if (request.isMultipart()) request.body = await readForm(request, limits);
  });
}
