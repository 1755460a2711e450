/** Sends the report email. */
export interface Mailer {
  sendRaw(email: { from: string; to: string[]; raw: Buffer }): Promise<void>;
}
