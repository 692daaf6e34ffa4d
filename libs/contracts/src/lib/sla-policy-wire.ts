import type { MessageInitShape } from '@bufbuild/protobuf';
import type { SlaPolicy } from '@pengaduan/sop';
import type { SlaPolicy as SlaPolicyMessage, SlaPolicySchema } from '../gen/pengaduan/slamonitor/v1/messages_pb';

/**
 * An office's SLA policy (libs/sop `SlaPolicy`) as `pengaduan.slamonitor.v1.SlaPolicy` (docs/adr/0049):
 * what the gateway sends sla-monitor, and what sla-monitor answers. No holiday calendar is an
 * empty string on the wire.
 */
export function slaPolicyToWire(policy: SlaPolicy): MessageInitShape<typeof SlaPolicySchema> {
  return {
    calendar: policy.calendar,
    timeZone: policy.timeZone,
    workingHours: Object.fromEntries(Object.entries(policy.workingHours).map(([day, periods]) => [day, { periods: [...(periods ?? [])] }])),
    holidayCalendar: policy.holidayCalendar ?? '',
    cutiBersama: policy.cutiBersama,
    extraNonWorkingDays: policy.extraNonWorkingDays.map((d) => ({ date: d.date, name: d.name })),
    deadlineHours: { ...policy.deadlineHours },
    warningShare: policy.warningShare,
  };
}

/**
 * The policy of a `pengaduan.slamonitor.v1.SlaPolicy` as JSON in libs/sop's shape: a scalar left
 * out stays out (libs/sop's default), the maps and the list as they came. Nothing is trusted
 * here: libs/sop (`checkOfficeSlaPolicy`, `parseSlaPolicy`) checks it.
 */
export function slaPolicyFromWire(wire: SlaPolicyMessage): Record<string, unknown> {
  const scalars: Record<string, unknown> = {
    calendar: wire.calendar,
    timeZone: wire.timeZone,
    holidayCalendar: wire.holidayCalendar === undefined ? undefined : wire.holidayCalendar === '' ? null : wire.holidayCalendar,
    cutiBersama: wire.cutiBersama,
    warningShare: wire.warningShare,
  };
  return {
    ...Object.fromEntries(Object.entries(scalars).filter(([, value]) => value !== undefined)),
    workingHours: Object.fromEntries(Object.entries(wire.workingHours).map(([day, periods]) => [day, [...periods.periods]])),
    extraNonWorkingDays: wire.extraNonWorkingDays.map((d) => ({ date: d.date, name: d.name })),
    deadlineHours: { ...wire.deadlineHours },
  };
}
