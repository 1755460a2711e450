/** A custom step of a Transfer Family workflow, waiting for its function's answer. */
export interface WorkflowStep {
  workflowId: string;
  executionId: string;
  /** The step's callback token, from the event that invoked the function. */
  token: string;
}

/** Success goes on to the workflow's next step; failure to its exception steps. */
export type WorkflowStepStatus = 'SUCCESS' | 'FAILURE';

/** Answers Transfer Family's workflow steps (SendWorkflowStepState in AWS, the SFTP emulator's own run locally). */
export interface WorkflowSteps {
  finish(step: WorkflowStep, status: WorkflowStepStatus): Promise<void>;
}
