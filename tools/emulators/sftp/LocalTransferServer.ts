import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { posix } from 'node:path';
import { CopyObjectCommand, DeleteObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import ssh2 from 'ssh2';

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
  name: string;
  chunks: Buffer[];
}

const DIRECTORY_MODE = 0o040755;
const FILE_MODE = 0o100644;

/**
 * An SFTP endpoint in the shape of Transfer Family with the platform's managed workflows: public-key users with a
 * logical home (`/` is `landing/<user>/`), uploads written to the bucket, then moved to `inbox/<user>/` when the client
 * closed the file, or to `partial/<user>/` when the session dropped with the file still open.
 */
export class LocalTransferServer {
  private readonly server: InstanceType<typeof Server>;
  private readonly pending = new Set<Promise<void>>();

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
    const fileName = (path: string): string | undefined => {
      const normal = posix.normalize(`/${path}`);
      const name = normal.slice(1);
      // The logical home has one level: files directly under "/".
      return name.length > 0 && !name.includes('/') ? name : undefined;
    };
    sftp.on('REALPATH', (id, path) =>
      sftp.name(id, [{ filename: posix.normalize(`/${path}`), longname: '', attrs: {} as ssh2.Attributes }]),
    );
    sftp.on('STAT', (id, path) =>
      posix.normalize(`/${path}`) === '/'
        ? sftp.attrs(id, { mode: DIRECTORY_MODE, uid: 0, gid: 0, size: 0, atime: 0, mtime: 0 })
        : sftp.status(id, STATUS_CODE.NO_SUCH_FILE),
    );
    sftp.on('LSTAT', (id) => sftp.status(id, STATUS_CODE.NO_SUCH_FILE));
    sftp.on('OPEN', (id, path, flags) => {
      const name = fileName(path);
      if (!name || !(flags & OPEN_MODE.WRITE)) return sftp.status(id, STATUS_CODE.PERMISSION_DENIED);
      const handle = newHandle();
      uploads.set(handleOf(handle), { name, chunks: [] });
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
      if (upload) this.track(this.finishUpload(user, upload, 'inbox/'));
      sftp.status(id, STATUS_CODE.OK);
    });
    // A session that ends with a file still open is an upload cut short.
    const end = () => {
      for (const upload of uploads.values()) this.track(this.finishUpload(user, upload, 'partial/'));
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

  /** What Transfer Family then its workflow do: the file lands, is copied on, and the landing copy deleted. */
  private async finishUpload(
    user: TransferUser,
    upload: OpenUpload,
    destination: 'inbox/' | 'partial/',
  ): Promise<void> {
    const { s3, bucket } = this.options;
    const landing = `landing/${user.userName}/${upload.name}`;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: landing, Body: Buffer.concat(upload.chunks) }));
    await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: `${destination}${user.userName}/${upload.name}`,
        CopySource: `${bucket}/${landing}`,
      }),
    );
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: landing }));
  }
}
