/** A tenant config that does not pass the schema; `problems` name each field and what is wrong with it. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`Invalid ${source}:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}
