import { SendWorkflowStepStateCommand, TransferClient } from '@aws-sdk/client-transfer';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { describe, expect, it } from 'vitest';
import { TransferWorkflowSteps } from '../../../lambdas/adapters/TransferWorkflowSteps.js';
import type { WorkflowStep, WorkflowStepStatus } from '../../../lambdas/core/ports/index.js';
import { createUploadCopyHandler } from '../../../lambdas/handlers/uploadCopy.js';
import { MemoryObjectStore } from '../../helpers/memory.js';

const stepEvent = (key: string, versionId: string) => ({
  token: 'dG9rZW4',
  serviceMetadata: {
    executionDetails: {
      workflowId: 'w-1234567890example',
      executionId: 'abcd1234-aa11-bb22-cc33-abcdef123456',
    },
    transferDetails: { sessionId: '36688ff5d2deda8c', userName: 'maison', serverId: 's-example1234567890' },
  },
  fileLocation: { domain: 'S3', bucket: 'data', key, eTag: 'e', versionId },
});

/** The answers the handler gave, in order; `failing` answers throw (SendWorkflowStepState unreachable). */
const recordingSteps = (failing = 0) => {
  const answers: [WorkflowStep, WorkflowStepStatus][] = [];
  let failures = failing;
  return {
    answers,
    finish: async (step: WorkflowStep, status: WorkflowStepStatus) => {
      if (failures-- > 0) throw new Error('ThrottlingException');
      answers.push([step, status]);
    },
  };
};

describe('the upload-copy handler (the complete-upload workflow’s custom step)', () => {
  it('copies a dry-run upload to inbox/<user>/dry-run/ and answers success', async () => {
    const store = new MemoryObjectStore();
    const version = store.put('landing/maison/dry-run/customer_2.psv', 'file');
    const steps = recordingSteps();
    await createUploadCopyHandler(() => ({ store, steps }))(
      stepEvent('landing/maison/dry-run/customer_2.psv', version),
    );
    expect(await store.getText('inbox/maison/dry-run/customer_2.psv')).toBe('file');
    expect(steps.answers).toEqual([
      [
        {
          workflowId: 'w-1234567890example',
          executionId: 'abcd1234-aa11-bb22-cc33-abcdef123456',
          token: 'dG9rZW4',
        },
        'SUCCESS',
      ],
    ]);
  });

  it('answers failure when the copy fails, so that the exception steps keep the file', async () => {
    const store = new MemoryObjectStore();
    const steps = recordingSteps();
    // No such object: the copy throws.
    await createUploadCopyHandler(() => ({ store, steps }))(stepEvent('landing/maison/customer_1.psv', 'v9'));
    expect(steps.answers.map(([, status]) => status)).toEqual(['FAILURE']);
    const outside = store.put('landing/other/customer_1.psv', 'file');
    await createUploadCopyHandler(() => ({ store, steps }))(
      stepEvent('landing/other/customer_1.psv', outside),
    );
    expect(steps.answers.map(([, status]) => status)).toEqual(['FAILURE', 'FAILURE']);
    expect(await store.list('inbox/')).toEqual([]);
  });

  it('fails when it cannot answer, and its retry answers without copying again', async () => {
    const store = new MemoryObjectStore();
    const version = store.put('landing/maison/customer_1.psv', 'file');
    const steps = recordingSteps(1);
    const handler = createUploadCopyHandler(() => ({ store, steps }));
    const event = stepEvent('landing/maison/customer_1.psv', version);
    await expect(handler(event)).rejects.toThrow('ThrottlingException');
    await handler(event);
    expect(steps.answers.map(([, status]) => status)).toEqual(['SUCCESS']);
    expect(store.objects.get('inbox/maison/customer_1.psv')).toHaveLength(1);
  });

  it('fails on an event it cannot read, answering nothing (the step times out into the exception steps)', async () => {
    const store = new MemoryObjectStore();
    const steps = recordingSteps();
    await expect(createUploadCopyHandler(() => ({ store, steps }))({ token: 't' })).rejects.toThrow(
      /upload workflow step event: serviceMetadata/,
    );
    expect(steps.answers).toEqual([]);
  });
});

describe('TransferWorkflowSteps', () => {
  it('answers a step with SendWorkflowStepState', async () => {
    const transfer = mockClient(TransferClient);
    transfer.on(SendWorkflowStepStateCommand).resolves({});
    await new TransferWorkflowSteps(new TransferClient({})).finish(
      { workflowId: 'w-1234567890example', executionId: 'e', token: 't' },
      'FAILURE',
    );
    expect(transfer).toHaveReceivedCommandWith(SendWorkflowStepStateCommand, {
      WorkflowId: 'w-1234567890example',
      ExecutionId: 'e',
      Token: 't',
      Status: 'FAILURE',
    });
    transfer.restore();
  });
});
