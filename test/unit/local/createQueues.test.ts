import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startFauxqs } from 'fauxqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PIPELINE_QUEUES, QUEUE_LAYOUT } from '../../../lib/platform/queueLayout.js';
import { createQueues, type PipelineQueues } from '../../../tools/local/createQueues.js';

/** The local platform's and the moto tests' queues come from the stack's one layout (lib/platform/queueLayout.ts). */
describe('createQueues', () => {
  let fauxqs: Awaited<ReturnType<typeof startFauxqs>>;
  let sqs: SQSClient;
  beforeAll(async () => {
    fauxqs = await startFauxqs({ port: 0, logger: false });
    sqs = new SQSClient({
      endpoint: fauxqs.address,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });
  afterAll(async () => {
    sqs.destroy();
    await fauxqs.stop();
  });
  const attributesOf = async (url: string) =>
    (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }))).Attributes!;

  it('makes every queue of the layout with its dead-letter queue, its redrive and its FIFO shape', async () => {
    const queues: PipelineQueues = await createQueues(sqs, { prefix: 'a-', visibilitySeconds: 2 });
    for (const name of PIPELINE_QUEUES) {
      const layout = QUEUE_LAYOUT[name];
      const queue = await attributesOf(queues[name].url);
      const deadLetters = await attributesOf(queues[`${name}Dlq`].url);
      expect(queues[name].url).toContain(`a-${name}${layout.fifo ? '.fifo' : ''}`);
      const redrive = JSON.parse(queue.RedrivePolicy!);
      expect(redrive.deadLetterTargetArn).toBe(queues[`${name}Dlq`].arn);
      expect(Number(redrive.maxReceiveCount)).toBe(layout.maxReceives);
      expect(queue.FifoQueue === 'true').toBe(layout.fifo);
      expect(deadLetters.FifoQueue === 'true').toBe(layout.fifo);
      expect(deadLetters.RedrivePolicy).toBeUndefined();
      expect(queue.VisibilityTimeout).toBe('2');
      if (layout.maxMessageBytes) expect(Number(queue.MaximumMessageSize)).toBe(layout.maxMessageBytes);
    }
  });

  it('takes fewer receives when asked, so that a test reaches a dead-letter queue sooner', async () => {
    const queues = await createQueues(sqs, { prefix: 'b-', visibilitySeconds: 1, maxReceives: 3 });
    for (const name of PIPELINE_QUEUES)
      expect(Number(JSON.parse((await attributesOf(queues[name].url)).RedrivePolicy!).maxReceiveCount)).toBe(
        3,
      );
  });
});
