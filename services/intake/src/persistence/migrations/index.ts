import { IntakeInitial1795800000100 } from './1795800000100-intake-initial';

/** Intake's own migrations, in order (the outbox/inbox ones come from @pengaduan/messaging). */
export const INTAKE_MIGRATIONS = [IntakeInitial1795800000100];
