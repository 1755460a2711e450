import { massChangeText } from '../diffing/index.js';
import { formatCount, plural } from '../formatCount.js';
import { rejectedCustomersOf } from './outcomes.js';
import type { SyncReport } from './SyncReport.js';

/** How the run went, for the colour of the report: all well, partly, or not at all. */
export type Tone = 'good' | 'mixed' | 'bad';

export interface Headline {
  /** The sentence under the title: what happened, with numbers. */
  text: string;
  /** The same in a few words, for the subject line. */
  short: string;
  tone: Tone;
}

const firstSentence = (text: string): string => {
  const sentence = text.split(/(?<=[.:])\s/)[0]!.replace(/[.:]$/, '');
  return sentence.charAt(0).toLowerCase() + sentence.slice(1);
};

/**
 * The report's first line, answering "did my customers get to JOOR?" and "what must I fix?" with numbers, e.g.
 * "6 of 10 customers synced to JOOR Sandbox; 4 customers (6 rows) need a fix in the ERP".
 */
export const headlineOf = (report: SyncReport): Headline => {
  const { counts, refusal } = report;
  const joor = report.environment === 'production' ? 'JOOR Production' : 'JOOR Sandbox';
  if (report.dryRun) return dryRunHeadline(report, joor);
  if (refusal) {
    switch (refusal.code) {
      case 'partial_upload':
        return {
          text: 'Not processed: the upload was cut off; send the file again.',
          short: 'upload cut off',
          tone: 'bad',
        };
      case 'not_processed':
        return {
          text: report.syncedSince
            ? `Not processed when it arrived; ${report.syncedSince.file === report.file.name ? 'this file' : `your later file ${report.syncedSince.file}`} has synced since: no need to send it again (reference ${report.runId}).`
            : `Not processed: the file could not be processed; send it again (reference ${report.runId}).`,
          short: 'not processed',
          tone: 'bad',
        };
      case 'refused_files': {
        const files = report.refusedFiles?.length ?? 0;
        return {
          text: `${plural(files, 'file')} refused: none was processed; each is named below with why.`,
          short: `${plural(files, 'file')} refused`,
          tone: 'bad',
        };
      }
      case 'mass_drop':
      case 'mass_change':
        return {
          text: `Held back: ${firstSentence(refusal.message)}; nothing was sent to ${joor}.`,
          short: 'held back',
          tone: 'bad',
        };
      default:
        return {
          text: `File refused: ${firstSentence(refusal.message)}.`,
          short: 'file refused',
          tone: 'bad',
        };
    }
  }
  const rejected = rejectedCustomersOf(report);
  const fix =
    rejected > 0
      ? `${plural(rejected, 'customer')} (${plural(counts.rejectedRows, 'row')}) need a fix in the ERP`
      : '';
  const failed =
    counts.failed > 0
      ? `${formatCount(counts.failed)} failed in JOOR and will be sent again with the next file`
      : '';
  if (counts.sent === 0 && counts.failed === 0) {
    const text =
      rejected === 0
        ? `Nothing to send: all ${plural(counts.unchanged, 'customer')} unchanged.`
        : `Nothing to send: ${formatCount(counts.unchanged)} of ${plural(counts.customers, 'customer')} unchanged; ${fix}.`;
    return {
      text,
      short: rejected === 0 ? 'nothing to send' : `nothing to send, ${formatCount(rejected)} need a fix`,
      tone: rejected === 0 ? 'good' : 'mixed',
    };
  }
  const unchanged = counts.unchanged > 0 ? `, ${formatCount(counts.unchanged)} unchanged` : '';
  const parts = [
    `${formatCount(counts.accepted)} of ${plural(counts.customers, 'customer')} synced to ${joor}${unchanged}`,
    // A field changed for most customers is worth a look even when JOOR took it all: a column mapped wrongly.
    ...(report.massChange ? [massChangeText(report.massChange)] : []),
    ...(fix ? [fix] : []),
    ...(failed ? [failed] : []),
  ];
  const tone = rejected === 0 && counts.failed === 0 ? 'good' : counts.accepted === 0 ? 'bad' : 'mixed';
  const shortParts = [
    `${formatCount(counts.accepted)} of ${formatCount(counts.customers)} synced`,
    ...(rejected > 0 ? [`${formatCount(rejected)} need a fix`] : []),
    ...(counts.failed > 0 ? [`${formatCount(counts.failed)} failed in JOOR`] : []),
  ];
  return { text: `${parts.join('; ')}.`, short: shortParts.join(', '), tone };
};

/**
 * A dry run's headline: that nothing was sent, then what the file would do, e.g. "Dry run: nothing was sent to
 * JOOR. 4 customers would be sent to JOOR Sandbox (1 new, 3 changed), 2 unchanged; 4 customers (6 rows) need a fix
 * in the ERP."
 */
const dryRunHeadline = (report: SyncReport, joor: string): Headline => {
  const { counts, refusal } = report;
  const lead = 'Dry run: nothing was sent to JOOR.';
  if (refusal) {
    const held = refusal.code === 'mass_drop' || refusal.code === 'mass_change';
    return {
      text: `${lead} The file would be ${held ? 'held back' : 'refused'}: ${firstSentence(refusal.message)}.`,
      short: `dry run, would be ${held ? 'held back' : 'refused'}`,
      tone: 'bad',
    };
  }
  const rejected = rejectedCustomersOf(report);
  const toSend = counts.new + counts.changed;
  const parts = [
    toSend > 0
      ? `${plural(toSend, 'customer')} would be sent to ${joor} (${formatCount(counts.new)} new, ${formatCount(counts.changed)} changed), ${formatCount(counts.unchanged)} unchanged`
      : `nothing would be sent: all ${plural(counts.unchanged, 'valid customer')} unchanged`,
    ...(report.massChange ? [massChangeText(report.massChange)] : []),
    ...(rejected > 0
      ? [`${plural(rejected, 'customer')} (${plural(counts.rejectedRows, 'row')}) need a fix in the ERP`]
      : []),
  ];
  return {
    text: `${lead} ${parts.join('; ').replace(/^./, (c) => c.toUpperCase())}.`,
    short: `dry run, ${formatCount(toSend)} would be sent${rejected > 0 ? `, ${formatCount(rejected)} need a fix` : ''}`,
    tone: rejected > 0 ? 'mixed' : 'good',
  };
};
