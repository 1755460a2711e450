import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A proxy in front of moto that records each AWS call as the IAM action it needs: a command run with
 * `AWS_ENDPOINT_URL` pointed here can be checked against a policy (the operators' managed policy).
 */
export interface RecordingProxy {
  endpoint: string;
  actions: Set<string>;
  /** Each call as `<action> <resource>`: the S3 key (empty for the bucket), the SQS queue's URL, the stack's name. */
  calls: Set<string>;
  stop: () => Promise<void>;
}

/**
 * What one request acts on: the S3 key (`''` for the bucket itself; each key of a multi-object delete), the queue's URL
 * for SQS (in the JSON body, or the query), the stack's name for CloudFormation.
 */
export const resourcesOf = (url: URL, headers: IncomingMessage['headers'], body: string): string[] => {
  const target = headers['x-amz-target'];
  if (typeof target === 'string' && target.startsWith('AmazonSQS.'))
    return [(JSON.parse(body || '{}') as { QueueUrl?: string }).QueueUrl ?? ''];
  if (typeof target === 'string' && target.startsWith('secretsmanager.'))
    return [(JSON.parse(body || '{}') as { SecretId?: string }).SecretId ?? ''];
  const form = new URLSearchParams(body);
  const action = form.get('Action') ?? url.searchParams.get('Action');
  if (action)
    return [form.get('QueueUrl') ?? form.get('StackName') ?? url.searchParams.get('StackName') ?? ''];
  const [, , ...key] = url.pathname.split('/');
  if (key.join('/') === '' && url.searchParams.has('delete'))
    return [...body.matchAll(/<Key>([^<]*)<\/Key>/g)].map((match) => match[1]!);
  return [decodeURIComponent(key.join('/'))];
};

/**
 * The IAM action of one request: S3's REST calls by method, key and query; SQS, Secrets Manager and CloudFormation by
 * name.
 */
export const iamActionsOf = (
  method: string,
  url: URL,
  headers: IncomingMessage['headers'],
  body: string,
): string[] => {
  const target = headers['x-amz-target'];
  if (typeof target === 'string' && target.startsWith('AmazonSQS.')) {
    const name = target.slice('AmazonSQS.'.length).replace(/Batch$/, '');
    return [`sqs:${name}`];
  }
  if (typeof target === 'string' && target.startsWith('secretsmanager.'))
    return [`secretsmanager:${target.slice('secretsmanager.'.length)}`];
  const action = new URLSearchParams(body).get('Action') ?? url.searchParams.get('Action');
  if (action) return [`${/Stack/.test(action) ? 'cloudformation' : 'sqs'}:${action.replace(/Batch$/, '')}`];
  // S3, path style: /<bucket>[/<key>]
  const [, , ...key] = url.pathname.split('/');
  const onObject = key.join('/') !== '';
  const versioned = url.searchParams.has('versionId');
  if (!onObject) {
    if (url.searchParams.has('versions')) return ['s3:ListBucketVersions'];
    if (method === 'POST' && url.searchParams.has('delete')) return ['s3:DeleteObject'];
    return ['s3:ListBucket'];
  }
  switch (method) {
    case 'GET':
    case 'HEAD':
      return [versioned ? 's3:GetObjectVersion' : 's3:GetObject'];
    case 'PUT':
      return headers['x-amz-copy-source']
        ? [
            's3:PutObject',
            /versionId=/.test(String(headers['x-amz-copy-source'])) ? 's3:GetObjectVersion' : 's3:GetObject',
          ]
        : ['s3:PutObject'];
    case 'DELETE':
      return [versioned ? 's3:DeleteObjectVersion' : 's3:DeleteObject'];
    default:
      return [`s3:${method}`];
  }
};

export const startRecordingProxy = async (target: string): Promise<RecordingProxy> => {
  const actions = new Set<string>();
  const calls = new Set<string>();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', target);
    const text = body.toString('utf8');
    for (const action of iamActionsOf(req.method ?? 'GET', url, req.headers, text)) {
      actions.add(action);
      // A copy reads its source: `<bucket>/<key>[?versionId=…]`, URL-encoded.
      const source = req.headers['x-amz-copy-source'];
      const copied =
        typeof source === 'string' && action.startsWith('s3:GetObject')
          ? [decodeURIComponent(source.replace(/^\/?[^/]+\//, '').replace(/\?.*$/, ''))]
          : undefined;
      for (const resource of copied ?? resourcesOf(url, req.headers, text))
        calls.add(`${action} ${resource}`);
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([name]) => name !== 'host' && name !== 'connection') as [
        string,
        string,
      ][],
    );
    const answer = await fetch(url, {
      method: req.method,
      headers,
      ...(body.length > 0 && req.method !== 'GET' && req.method !== 'HEAD' ? { body } : {}),
    });
    const out = Buffer.from(await answer.arrayBuffer());
    const outHeaders: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (!['content-encoding', 'transfer-encoding', 'connection', 'content-length'].includes(name))
        outHeaders[name] = value;
    });
    res.writeHead(answer.status, { ...outHeaders, 'content-length': String(out.length) });
    res.end(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    actions,
    calls,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
};
