import { SendWorkflowStepStateCommand, type TransferClient } from '@aws-sdk/client-transfer';
import type { WorkflowStep, WorkflowStepStatus, WorkflowSteps } from '../core/ports/index.js';

/** Answers a Transfer Family workflow's custom step with SendWorkflowStepState. */
export class TransferWorkflowSteps implements WorkflowSteps {
  constructor(private readonly transfer: TransferClient) {}

  async finish(step: WorkflowStep, status: WorkflowStepStatus): Promise<void> {
    await this.transfer.send(
      new SendWorkflowStepStateCommand({
        WorkflowId: step.workflowId,
        ExecutionId: step.executionId,
        Token: step.token,
        Status: status,
      }),
    );
  }
}
