import MailComposer from 'nodemailer/lib/mail-composer';
import { MAX_ATTACHMENT_BYTES, renderReportCsv } from './renderReportCsv.js';
import { renderReportHtml } from './renderReportHtml.js';
import { renderReportText } from './renderReportText.js';
import { reportSubject } from './reportSubject.js';
import type { SyncReport } from './SyncReport.js';

export interface ReportEmail {
  from: string;
  to: string[];
  subject: string;
  /** The whole MIME message: text and HTML alternatives and the CSV attachment. */
  raw: Buffer;
}

/** Builds the report email as raw MIME (nodemailer's composer), ready for SES `SendEmail` with `Content.Raw`. */
export const buildReportEmail = async (
  report: SyncReport,
  options: { from: string; to: string[]; bodyRowLimit: number },
): Promise<ReportEmail> => {
  const subject = reportSubject(report);
  const composer = new MailComposer({
    from: options.from,
    to: options.to,
    subject,
    text: renderReportText(report, options.bodyRowLimit),
    html: renderReportHtml(report, options.bodyRowLimit),
    attachments: [
      {
        filename: `${report.file.name.replace(/\.[^.]*$/, '')}-report.csv`,
        content: renderReportCsv(report, MAX_ATTACHMENT_BYTES),
        contentType: 'text/csv; charset=utf-8',
      },
    ],
  });
  const raw = await composer.compile().build();
  return { from: options.from, to: options.to, subject, raw };
};
