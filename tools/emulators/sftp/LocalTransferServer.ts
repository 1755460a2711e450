import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { posix } from 'node:path';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import ssh2 from 'ssh2';
import { S3ObjectStore } from '../../../lambdas/adapters/index.js';
import type { WorkflowStepStatus } from '../../../lambdas/core/ports/index.js';
import { createUploadCopyHandler } from '../../../lambdas/handlers/index.js';
import { keys, PREFIXES } from '../../../lambdas/pipeline/index.js';
import { UPLOAD_FAILED_FOLDER, UPLOAD_FAILED_TAG } from '../../../lib/platform/uploadWorkflow.js';

const { Server, utils } = ssh2;
const { OPEN_MODE, STATUS_CODE } = utils.sftp;

export interface TransferUser {
  /** The tenant id: uploads land under `landing/<userName>/`. */
  userName: string;
  /** OpenSSH public key lines. */
  publicKeys: string[];
}

export interface LocalTransferServerOptions {
  s3: S3Client;
  bucket: string;
  users: TransferUser[];
}

interface OpenUpload {
  /** The path under the user's home, as the client named it (`customer.psv`, `dry-run/customer.psv`). */
  path: string;
  chunks: Buffer[];
}

const DIRECTORY_MODE = 0o040755;
const FILE_MODE = 0o100644;

/**
 * An SFTP endpoint in the shape of Transfer Family with the platform's workflows (lib/platform/Sftp.ts): public-key
 * users with a logical home (`/` is `landing/<user>/`, folders included), uploads written to the bucket, then, when
 * the client closed the file, copied to `inbox/<user>/` by the platform's own custom-step handler (its path kept, so
 * `dry-run/` stays a dry run) and the landing copy deleted, or set aside under `rejected/<user>/upload-failed/` when
 * that step fails; when the session dropped with the file still open, copied by name to `partial/<user>/` as the
 * managed copy step does.
 */
export class LocalTransferServer {
  private readonly server: InstanceType<typeof Server>;
  private readonly pending = new Set<Promise<void>>();
  /** Folders the users made (S3 has none: Transfer Family keeps an empty object for each). */
  private readonly folders = new Set<string>();

  constructor(private readonly options: LocalTransferServerOptions) {
    const hostKey = utils.generateKeyPairSync('ed25519').private;
    this.server = new Server({ hostKeys: [hostKey] }, (client) => {
      let user: TransferUser | undefined;
      client.on('authentication', (ctx) => {
        const candidate = options.users.find((u) => u.userName === ctx.username);
        if (ctx.method !== 'publickey' || !candidate) return ctx.reject(['publickey']);
        const allowed = candidate.publicKeys
          .map((line) => utils.parseKey(line))
          .find((key) => {
            if (key instanceof Error) return false;
            const offered = ctx.key.data;
            const known = key.getPublicSSH();
            return (
              key.type === ctx.key.algo && offered.length === known.length && timingSafeEqual(offered, known)
            );
          });
        if (!allowed || allowed instanceof Error) return ctx.reject(['publickey']);
        if (ctx.signature && !allowed.verify(ctx.blob!, ctx.signature, ctx.hashAlgo))
          return ctx.reject(['publickey']);
        user = candidate;
        ctx.accept();
      });
      const sessions: (() => void)[] = [];
      client.on('ready', () => {
        client.on('session', (accept) => {
          accept().on('sftp', (acceptSftp) => sessions.push(this.serveSftp(acceptSftp(), user!)));
        });
      });
      // However the connection ends, files still open were cut short.
      client.on('close', () => {
        for (const endSession of sessions) endSession();
      });
      client.on('error', () => undefined);
    });
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  /** Waits for the uploads in progress to reach the bucket. */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  async stop(): Promise<void> {
    await this.settled();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Serves one SFTP session; returns what ends it (files still open then become partial uploads). */
  private serveSftp(sftp: ssh2.SFTPWrapper, user: TransferUser): () => void {
    const uploads = new Map<number, OpenUpload>();
    let nextHandle = 0;
    const handleOf = (buffer: Buffer) => buffer.readUInt32BE(0);
    const newHandle = () => {
      const buffer = Buffer.alloc(4);
      buffer.writeUInt32BE(nextHandle++);
      return buffer;
    };
    // A path under the home, without its leading "/" ("" for the home); ".." stops at the home, as a logical home's.
    const homePath = (path: string): string => posix.normalize(`/${path}`).slice(1).replace(/\/$/, '');
    const folder = (path: string) => `${user.userName}/${homePath(path)}`;
    sftp.on('REALPATH', (id, path) =>
      sftp.name(id, [{ filename: `/${homePath(path)}`, longname: '', attrs: {} as ssh2.Attributes }]),
    );
    sftp.on('STAT', (id, path) =>
      homePath(path) === '' || this.folders.has(folder(path))
        ? sftp.attrs(id, { mode: DIRECTORY_MODE, uid: 0, gid: 0, size: 0, atime: 0, mtime: 0 })
        : sftp.status(id, STATUS_CODE.NO_SUCH_FILE),
    );
    sftp.on('LSTAT', (id) => sftp.status(id, STATUS_CODE.NO_SUCH_FILE));
    sftp.on('MKDIR', (id, path) => {
      if (homePath(path) === '') return sftp.status(id, STATUS_CODE.FAILURE);
      this.folders.add(folder(path));
      sftp.status(id, STATUS_CODE.OK);
    });
    sftp.on('OPEN', (id, path, flags) => {
      const file = homePath(path);
      if (file === '' || !(flags & OPEN_MODE.WRITE)) return sftp.status(id, STATUS_CODE.PERMISSION_DENIED);
      const handle = newHandle();
      uploads.set(handleOf(handle), { path: file, chunks: [] });
      sftp.handle(id, handle);
    });
    sftp.on('WRITE', (id, handle, _offset, data) => {
      const upload = uploads.get(handleOf(handle));
      if (!upload) return sftp.status(id, STATUS_CODE.FAILURE);
      upload.chunks.push(Buffer.from(data));
      sftp.status(id, STATUS_CODE.OK);
    });
    sftp.on('FSTAT', (id, handle) => {
      const upload = uploads.get(handleOf(handle));
      const size = upload ? upload.chunks.reduce((total, chunk) => total + chunk.length, 0) : 0;
      sftp.attrs(id, { mode: FILE_MODE, uid: 0, gid: 0, size, atime: 0, mtime: 0 });
    });
    sftp.on('SETSTAT', (id) => sftp.status(id, STATUS_CODE.OK));
    sftp.on('FSETSTAT', (id) => sftp.status(id, STATUS_CODE.OK));
    sftp.on('CLOSE', (id, handle) => {
      const upload = uploads.get(handleOf(handle));
      uploads.delete(handleOf(handle));
      if (upload) this.track(this.completeUpload(user, upload));
      sftp.status(id, STATUS_CODE.OK);
    });
    // A session that ends with a file still open is an upload cut short.
    const end = () => {
      for (const upload of uploads.values()) this.track(this.partialUpload(user, upload));
      uploads.clear();
    };
    sftp.on('close', end);
    sftp.on('end', end);
    return end;
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  /** Transfer Family writes the file where the user put it in its home. */
  private async land(user: TransferUser, upload: OpenUpload): Promise<{ key: string; versionId?: string }> {
    const key = `${keys.landing(user.userName)}${upload.path}`;
    const put = await this.options.s3.send(
      new PutObjectCommand({ Bucket: this.options.bucket, Key: key, Body: Buffer.concat(upload.chunks) }),
    );
    return { key, ...(put.VersionId ? { versionId: put.VersionId } : {}) };
  }

  /**
   * The complete-upload workflow: its custom step is the platform's handler, given the event Transfer Family sends,
   * and answering here instead of SendWorkflowStepState; then the landing copy deleted, or the exception steps.
   */
  private async completeUpload(user: TransferUser, upload: OpenUpload): Promise<void> {
    const landed = await this.land(user, upload);
    const executionId = randomUUID();
    let answer: WorkflowStepStatus | undefined;
    const step = createUploadCopyHandler(() => ({
      store: new S3ObjectStore(this.options.s3, this.options.bucket),
      steps: {
        finish: async (_step, status) => {
          answer = status;
        },
      },
    }));
    // A step that throws never answers: Transfer Family times it out, a failure.
    await step({
      token: randomUUID().replaceAll('-', ''),
      serviceMetadata: {
        executionDetails: { workflowId: 'w-localtransfer0000', executionId },
        transferDetails: {
          sessionId: executionId.slice(0, 16),
          userName: user.userName,
          serverId: 's-local',
        },
      },
      fileLocation: {
        domain: 'S3',
        bucket: this.options.bucket,
        key: landed.key,
        versionId: landed.versionId ?? null,
      },
    }).catch(() => undefined);
    if (answer !== 'SUCCESS') await this.setAside(user, landed.key);
    await this.delete(landed.key);
  }

  /** The partial-upload workflow: the managed copy step, which keeps the file's name only, then the delete. */
  private async partialUpload(user: TransferUser, upload: OpenUpload): Promise<void> {
    const landed = await this.land(user, upload);
    await this.copyByName(landed.key, `${PREFIXES.partial}${user.userName}/`);
    await this.delete(landed.key);
  }

  /** The exception steps: a copy under `rejected/<user>/upload-failed/`, tagged (the delete follows). */
  private async setAside(user: TransferUser, key: string): Promise<void> {
    const copy = await this.copyByName(key, `${PREFIXES.rejected}${user.userName}/${UPLOAD_FAILED_FOLDER}`);
    await this.options.s3.send(
      new PutObjectTaggingCommand({
        Bucket: this.options.bucket,
        Key: copy,
        Tagging: { TagSet: [{ Key: UPLOAD_FAILED_TAG, Value: 'CompleteUpload' }] },
      }),
    );
  }

  /** A managed copy step to a folder: the file's name kept, its path not. */
  private async copyByName(key: string, folder: string): Promise<string> {
    const to = `${folder}${posix.basename(key)}`;
    await this.options.s3.send(
      new CopyObjectCommand({
        Bucket: this.options.bucket,
        Key: to,
        CopySource: `${this.options.bucket}/${key.split('/').map(encodeURIComponent).join('/')}`,
      }),
    );
    return to;
  }

  private async delete(key: string): Promise<void> {
    await this.options.s3.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: key }));
  }
}
