import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../bin/app.js';
import { dimensionSetsOf, METRICS, type MetricName } from '../../lambdas/handlers/metrics/index.js';

/*
 * Every custom metric the platform's alarms and dashboard read is one the functions publish, under the dimensions
 * they publish it with (#34): the handlers publish per platform (metrics/metricNames.ts), so an alarm or a graph that
 * asked for a dimension they do not publish (a tenant, an outcome of a metric not published per outcome) would read
 * nothing, and never fire.
 */

interface MetricRead {
  metricName: string;
  dimensions: string[];
  where: string;
}

let template: Template;
beforeAll(() => {
  const app = buildApp(
    new App({
      context: { 'aws:cdk:bundling-stacks': [], includeSamples: 'true' },
      outdir: mkdtempSync(join(tmpdir(), 'cdk-')),
    }),
  );
  template = Template.fromStack(app.node.findChild('CustomerSyncPlatform') as Stack);
}, 120_000);

type Dimension = { Name: string };
interface AlarmMetric {
  Namespace?: string;
  MetricName?: string;
  Dimensions?: Dimension[];
}

/** The metrics of the pipeline's namespace an alarm reads, alone or in a math expression. */
const alarmReads = (): MetricRead[] =>
  Object.entries(template.findResources('AWS::CloudWatch::Alarm')).flatMap(([id, alarm]) => {
    const props = alarm.Properties as AlarmMetric & { Metrics?: { MetricStat?: { Metric: AlarmMetric } }[] };
    const metrics = [
      props,
      ...(props.Metrics ?? []).flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric] : [])),
    ];
    return metrics
      .filter((m) => m.Namespace === METRICS.namespace && m.MetricName)
      .map((m) => ({
        metricName: m.MetricName!,
        dimensions: (m.Dimensions ?? []).map((d) => d.Name).sort(),
        where: `alarm ${id}`,
      }));
  });

/** The metrics of the pipeline's namespace the dashboard graphs: its body is JSON joined with the stack's tokens. */
const dashboardReads = (): MetricRead[] =>
  Object.entries(template.findResources('AWS::CloudWatch::Dashboard')).flatMap(([id, dashboard]) => {
    const body = dashboard.Properties.DashboardBody as string | { 'Fn::Join': [string, unknown[]] };
    const text =
      typeof body === 'string'
        ? body
        : body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'TOKEN')).join('');
    const { widgets } = JSON.parse(text) as { widgets: { properties: { metrics?: unknown[][] } }[] };
    return widgets.flatMap((widget) =>
      (widget.properties.metrics ?? [])
        .map((row) => row.filter((cell): cell is string => typeof cell === 'string'))
        .filter((row) => row[0] === METRICS.namespace)
        .map(([, metricName, ...pairs]) => ({
          metricName: metricName!,
          dimensions: pairs.filter((_, k) => k % 2 === 0).sort(),
          where: `dashboard ${id}`,
        })),
    );
  });

/** The source of every handler: what calls platformMetric, and with which name. */
const handlerSources = (): string =>
  readdirSync(join(__dirname, '../../lambdas/handlers'))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => readFileSync(join(__dirname, '../../lambdas/handlers', file), 'utf8'))
    .join('\n');

const keyOf = (name: string) => Object.entries(METRICS).find(([, value]) => value === name)?.[0];

describe('the metrics the alarms and the dashboard read', () => {
  it('are read at all: the two pipeline alarms and the dashboard’s pipeline graphs', () => {
    const alarms = alarmReads().map((read) => read.metricName);
    expect(alarms).toEqual(expect.arrayContaining([METRICS.runsNotProcessed, METRICS.reportEmailsFailed]));
    expect(dashboardReads().map((read) => read.metricName)).toEqual(
      expect.arrayContaining([METRICS.runs, METRICS.customersAccepted, METRICS.joorThrottled]),
    );
  });

  it('are each published by a handler, under the dimensions it reads them by, none per tenant', () => {
    const sources = handlerSources();
    for (const read of [...alarmReads(), ...dashboardReads()]) {
      const key = keyOf(read.metricName);
      expect(key, `${read.where} reads ${read.metricName}, which no handler publishes`).toBeDefined();
      const published = new RegExp(`platformMetric\\(\\s*METRICS\\.${key}\\b`).test(sources);
      expect(published, `${read.where}: no handler publishes ${read.metricName}`).toBe(true);
      const sets = dimensionSetsOf(read.metricName as MetricName).map((set) => [...set].sort());
      expect(sets, `${read.where} reads ${read.metricName}`).toContainEqual(read.dimensions);
      expect(read.dimensions).not.toContain('tenant');
    }
  });
});
