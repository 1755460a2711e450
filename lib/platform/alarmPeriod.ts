/**
 * The period every alarm of the platform is evaluated over (Monitoring.ts). Plain, no CDK, so that the operator
 * commands can reckon with it: an alarm's time comes after the period its event fell in.
 */
export const ALARM_PERIOD_MINUTES = 5;
