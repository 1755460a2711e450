import { describe, expect, it } from 'vitest';
import { copyUpload, UPLOAD_EXECUTION_METADATA, uploadStepOf } from '../../../lambdas/pipeline/copyUpload.js';
import { objectCreatedEvent, startRequestsOf } from '../../../lambdas/pipeline/inboxMessages.js';
import { inboxKeyOfUpload, parseInboxKey } from '../../../lambdas/pipeline/keys.js';
import { MemoryObjectStore } from '../../helpers/memory.js';

/** The event Transfer Family sends a custom step, as its user guide shows it for an S3 domain. */
const stepEvent = (key: string, versionId: string | null = 'v1') => ({
  token: 'MzI0Nzc4ZDktMGRmMi00MjFhLTgxMjUtYWZmZmRmODNkYjc0',
  serviceMetadata: {
    executionDetails: {
      workflowId: 'w-1234567890example',
      executionId: 'abcd1234-aa11-bb22-cc33-abcdef123456',
    },
    transferDetails: { sessionId: '36688ff5d2deda8c', userName: 'maison', serverId: 's-example1234567890' },
  },
  fileLocation: { domain: 'S3', bucket: 'data', key, eTag: 'd8e8fca2dc0f896fd7cb4cb0031ba249', versionId },
});

describe('inboxKeyOfUpload', () => {
  it('keeps the path the SFTP user gave, dry-run/ and other folders alike', () => {
    expect(inboxKeyOfUpload('landing/maison/customer_1.psv', 'maison')).toBe('inbox/maison/customer_1.psv');
    expect(inboxKeyOfUpload('landing/maison/dry-run/customer_2.psv', 'maison')).toBe(
      'inbox/maison/dry-run/customer_2.psv',
    );
    expect(inboxKeyOfUpload('landing/maison/archive/old.psv', 'maison')).toBe('inbox/maison/archive/old.psv');
  });

  it('refuses a key outside the user’s own landing folder, or one naming a folder', () => {
    expect(inboxKeyOfUpload('landing/other/customer_1.psv', 'maison')).toBeUndefined();
    expect(inboxKeyOfUpload('landing/maisonette/customer_1.psv', 'maison')).toBeUndefined();
    expect(inboxKeyOfUpload('inbox/maison/customer_1.psv', 'maison')).toBeUndefined();
    expect(inboxKeyOfUpload('landing/maison/dry-run/', 'maison')).toBeUndefined();
    expect(inboxKeyOfUpload('landing/maison/', 'maison')).toBeUndefined();
  });
});

describe('parseInboxKey and the runs an inbox event asks for', () => {
  it('tells the home, dry-run/ and any other folder apart', () => {
    expect(parseInboxKey('inbox/maison/customer_1.psv')).toMatchObject({ folder: '', dryRun: false });
    expect(parseInboxKey('inbox/maison/dry-run/customer_1.psv')).toMatchObject({
      name: 'customer_1.psv',
      folder: 'dry-run/',
      dryRun: true,
    });
    expect(parseInboxKey('inbox/maison/dry-run/more/customer_1.psv')).toMatchObject({
      name: 'customer_1.psv',
      folder: 'dry-run/more/',
      dryRun: false,
    });
    // A folder object (an empty key ending in "/") is no file.
    expect(parseInboxKey('inbox/maison/dry-run/')).toBeUndefined();
  });

  it('marks a dry run, and names a folder the platform does not read for the splitter to refuse', () => {
    const requestOf = (key: string) =>
      startRequestsOf(objectCreatedEvent('data', key, 'v1', '2026-11-27T08:00:00Z', 10))[0]!;
    expect(requestOf('inbox/maison/customer_1.psv')).not.toHaveProperty('folder');
    expect(requestOf('inbox/maison/customer_1.psv')).not.toHaveProperty('dryRun');
    expect(requestOf('inbox/maison/dry-run/customer_1.psv')).toMatchObject({ dryRun: true });
    expect(requestOf('inbox/maison/dry-run/customer_1.psv')).not.toHaveProperty('folder');
    expect(requestOf('inbox/maison/Dry-Run/customer_1.psv')).toMatchObject({ folder: 'Dry-Run/' });
    expect(requestOf('inbox/maison/Dry-Run/customer_1.psv')).not.toHaveProperty('dryRun');
  });
});

describe('copyUpload', () => {
  const upload = (key: string, versionId: string, executionId = 'e1') => ({
    key,
    versionId,
    userName: 'maison',
    executionId,
  });

  it('copies the upload’s version to the inbox with its path kept, marked with its execution', async () => {
    const store = new MemoryObjectStore();
    const first = store.put('landing/maison/dry-run/customer_2.psv', 'first');
    store.put('landing/maison/dry-run/customer_2.psv', 'second');
    expect(await copyUpload(store, upload('landing/maison/dry-run/customer_2.psv', first))).toEqual({
      outcome: 'copied',
      to: 'inbox/maison/dry-run/customer_2.psv',
    });
    expect(await store.getText('inbox/maison/dry-run/customer_2.psv')).toBe('first');
    expect(await store.metadata('inbox/maison/dry-run/customer_2.psv')).toEqual({
      [UPLOAD_EXECUTION_METADATA]: 'e1',
    });
  });

  it('copies once however often its execution asks, and again for the next upload of the same name', async () => {
    const store = new MemoryObjectStore();
    const version = store.put('landing/maison/customer_1.psv', 'x');
    await copyUpload(store, upload('landing/maison/customer_1.psv', version));
    expect(await copyUpload(store, upload('landing/maison/customer_1.psv', version))).toMatchObject({
      outcome: 'already_copied',
    });
    expect(store.objects.get('inbox/maison/customer_1.psv')).toHaveLength(1);
    const next = store.put('landing/maison/customer_1.psv', 'y');
    expect(await copyUpload(store, upload('landing/maison/customer_1.psv', next, 'e2'))).toMatchObject({
      outcome: 'copied',
    });
    expect(store.objects.get('inbox/maison/customer_1.psv')).toHaveLength(2);
  });

  it('copies nothing from outside the user’s landing folder', async () => {
    const store = new MemoryObjectStore();
    const version = store.put('landing/other/customer_1.psv', 'x');
    expect(await copyUpload(store, upload('landing/other/customer_1.psv', version))).toMatchObject({
      outcome: 'outside_home',
    });
    expect(await store.list('inbox/')).toEqual([]);
  });
});

describe('uploadStepOf', () => {
  it('reads the step to answer and the upload from Transfer Family’s event', () => {
    expect(uploadStepOf(stepEvent('landing/maison/dry-run/c.psv'))).toEqual({
      step: {
        workflowId: 'w-1234567890example',
        executionId: 'abcd1234-aa11-bb22-cc33-abcdef123456',
        token: 'MzI0Nzc4ZDktMGRmMi00MjFhLTgxMjUtYWZmZmRmODNkYjc0',
      },
      upload: {
        key: 'landing/maison/dry-run/c.psv',
        versionId: 'v1',
        userName: 'maison',
        executionId: 'abcd1234-aa11-bb22-cc33-abcdef123456',
      },
    });
    // An unversioned bucket's event has a null version.
    expect(uploadStepOf(stepEvent('landing/maison/c.psv', null)).upload).not.toHaveProperty('versionId');
  });

  it('fails on a malformed event, naming the field', () => {
    const efs = { ...stepEvent('x'), fileLocation: { domain: 'EFS', fileSystemId: 'fs-1', path: '/x' } };
    expect(() => uploadStepOf(efs)).toThrow(/upload workflow step event: fileLocation\.domain/);
    expect(() => uploadStepOf({ ...stepEvent('x'), token: '' })).toThrow(/token/);
  });
});
