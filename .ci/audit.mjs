// Reads `npm audit --omit=dev --json` on standard input and decides CI's verdict (docs/security.md, "Dependencies"):
// a high or critical advisory on a dependency that ships fails the build; moderate and low ones are printed; an audit
// endpoint that does not answer (this project's build machines reach only the registry itself) is said and skipped,
// since it says nothing about the code.
import { readFileSync } from 'node:fs';

const FAILING = ['high', 'critical'];

const text = readFileSync(0, 'utf8');
let report;
try {
  report = JSON.parse(text);
} catch {
  report = undefined;
}
const counts = report?.metadata?.vulnerabilities;
if (!counts) {
  const reason = report?.message ?? report?.error?.summary ?? (text.trim().split('\n')[0] || 'no answer');
  console.log(`npm audit: skipped, the audit endpoint did not answer (${reason})`);
  process.exit(0);
}
const found = Object.values(report.vulnerabilities ?? {});
const failing = found.filter((v) => FAILING.includes(v.severity));
const summary = Object.entries(counts)
  .filter(([severity, n]) => severity !== 'total' && n > 0)
  .map(([severity, n]) => `${n} ${severity}`);
console.log(
  `npm audit: ${summary.length ? summary.join(', ') : 'no advisories'} in the dependencies that ship`,
);
for (const v of found) console.log(`  ${v.severity}: ${v.name} (${v.range ?? 'any version'})`);
process.exit(failing.length > 0 ? 1 : 0);
